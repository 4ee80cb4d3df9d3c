import 'reflect-metadata';
import * as library from '../../src/active-job';
import * as testing from '../../src/active-job/testing';

// The public API is a decision: adding or removing an export fails here until this list says so.
// Lifecycle classes (explorer, orchestrator, executor) and the built-in adapters stay internal.
describe('public API', () => {
  it('exports exactly what users write code against from nestjs-active-job', () => {
    expect(Object.keys(library).sort()).toEqual([
      'ActiveJobError', 'ActiveJobModule', 'AfterDiscard', 'AfterEnqueue', 'AfterPerform', 'ApplicationJob', 'AroundEnqueue',
      'AroundPerform', 'BeforeEnqueue', 'BeforePerform', 'DeserializationError', 'DiscardOn', 'EnqueueAbortedError', 'EnqueueAllError',
      'EnqueueError', 'FailedJobs', 'InvalidJobOptionsError', 'JOB_CHANNEL_NAMES', 'Job', 'JobNotRegisteredError', 'JobQueue',
      'JobTimeoutError', 'LockLostError', 'NestedJobsLimitError', 'OutsideJobRunError', 'PayloadTooLargeError', 'Processor', 'QUEUE_ADAPTER',
      'QueueControl', 'Recurring', 'RecurringTaskNotFoundError', 'RecurringTasks', 'RedisUnavailableError', 'RescueFrom', 'RetryOn',
      'SerializationError', 'UnknownJobClassError', 'throwAbort',
    ]);
  });

  it('exports the test kit from nestjs-active-job/testing', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'JobAssertionError', 'JobTestHelper', 'MAX_NESTED_JOBS', 'TestAdapter', 'TestAdapterRequiredError', 'activeJobMatchers', 'withTestAdapter',
    ]);
  });

  it('makes every error class it exports an ActiveJobError, so callers can catch them as a family', () => {
    const errors = [...Object.entries(library), ...Object.entries(testing)].filter(([name]) => name.endsWith('Error'));
    expect(errors.length).toBeGreaterThan(10);
    for (const [name, errorClass] of errors) expect([name, (errorClass as Function).prototype instanceof library.ActiveJobError || errorClass === library.ActiveJobError]).toEqual([name, true]);
  });
});
