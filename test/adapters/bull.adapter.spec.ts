import { describeAdapterBehaviour } from './adapter-behaviour';
import { testRedisUrl, uniquePrefix } from '../support/jobs-app';

describeAdapterBehaviour({
  name: 'bull',
  options: () => ({ connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } }),
  schedules: 'waits',
  retries: true,
  rejectsFailures: false,
});
