import { TestAdapter } from '../../src/active-job/testing';
import { describeAdapterBehaviour } from './adapter-behaviour';

// The test adapter records jobs; performing them as they are enqueued, it runs the same suite.
describeAdapterBehaviour({
  name: 'test',
  options: () => ({ adapter: Object.assign(new TestAdapter(), { performEnqueuedJobs: true }) }),
  schedules: 'at once',
  retries: true,
  rejectsFailures: true,
});
