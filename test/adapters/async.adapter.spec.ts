import { describeAdapterBehaviour } from './adapter-behaviour';

describeAdapterBehaviour({ name: 'async', options: () => ({ adapter: 'async' }), schedules: 'waits', retries: true, rejectsFailures: false });
