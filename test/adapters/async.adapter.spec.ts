import { describeAdapterBehaviour } from './adapter-behaviour';

describeAdapterBehaviour({ name: 'async', options: () => ({ adapter: 'async' }), schedules: true, retries: true });
