import { describeAdapterBehaviour } from './adapter-behaviour';

describeAdapterBehaviour({ name: 'inline', options: () => ({ adapter: 'inline' }), schedules: false, retries: false });
