import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { activeJobMatchers } from '../../src/active-job/testing';
import '../../src/active-job/testing/jest';
import { WelcomeEmailJob } from './jobs/welcome-email.job';
import { failureOf } from './support/failure-of';
import { createTestingApp, type TestingApp } from './support/testing-app';

// The same matchers, typed through `expect`'s own Matchers, for suites that import expect from @jest/globals.
expect.extend(activeJobMatchers);

let testing: TestingApp;
beforeEach(async () => {
  testing = await createTestingApp();
});
afterEach(() => testing.moduleRef.close());

it('works with the expect of @jest/globals, arguments checked at compile time', async () => {
  await WelcomeEmailJob.set({ queue: 'bulk-mailers' }).performLater(1);
  expect(WelcomeEmailJob).toHaveBeenEnqueued();
  expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(1);
  expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(expect.any(Number));
  expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('bulk-mailers');
  expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(1);
  // @ts-expect-error WelcomeEmailJob.perform takes a number
  expect(failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueuedWith('1'))).toContain('Expected arguments: ["1"]');
});
