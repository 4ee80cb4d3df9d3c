import { describeAdapterBehaviour } from './adapter-behaviour';

describeAdapterBehaviour({ name: 'inline', options: () => ({ adapter: 'inline' }), schedules: 'refuses', retries: false, rejectsFailures: true });
