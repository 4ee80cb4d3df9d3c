// The testing entry point (`nestjs-active-job/testing`): nothing here is loaded by production code.
export { MAX_NESTED_JOBS, TestAdapter, type RecordedJob } from '../adapters/test.adapter';
export { activeJobMatchers, type ActiveJobMatchers } from './matchers';
export { JobAssertionError } from './job-assertion.error';
export type { JobExpectation } from './job-expectation';
export type { JobFilter, JobFilterOptions, PerformJobsOptions } from './job-filter';
export type { JobBlock } from './helper-arguments';
export { JobTestHelper } from './job-test-helper';
export { TestAdapterRequiredError } from './test-adapter-required.error';
export { TestHelperUsageError } from './test-helper-usage.error';
export type { TestJob } from './test-job';
export type { AsymmetricMatcherLike, Expected, ExpectedArguments } from './values-match';
export { withTestAdapter, type ProviderOverridingBuilder } from './with-test-adapter';
export { type EnqueuedDelivery, MailTestHelper } from './mail-test-helper';
export { mailerMatchers, type MailerMatchers } from './mail-matchers';
