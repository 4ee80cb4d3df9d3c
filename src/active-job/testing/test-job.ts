import type { Type } from '@nestjs/common';
import type { RecordedJob } from '../adapters/test.adapter';
import type { ApplicationJob } from '../application-job';
import type { JobPayload } from '../interfaces/job-payload.interface';

/**
 * One job the test adapter recorded, as a test wants to read it: the class, the arguments as
 * `perform` receives them (deserialized), the queue and when it may run.
 * @publicApi
 */
export interface TestJob {
  /** The job class's name, as the payload stores it. */
  readonly jobClass: string;
  readonly type: Type<ApplicationJob>;
  /** The arguments `perform` receives: Dates, Maps, BigInts… restored. */
  readonly args: readonly unknown[];
  readonly queue: string;
  /** 1 is the highest; `null` when the job has none. */
  readonly priority: number | null;
  /** When the job may run (`set({ wait })` / `set({ waitUntil })`); `null` for at once. */
  readonly at: Date | null;
  readonly enqueuedAt: Date;
  readonly jobId: string;
  /** Which run this is: 1 for the first, 2 for the first retry… */
  readonly executions: number;
  readonly payload: JobPayload;
  /** The adapter's own record, for `TestAdapter.perform()`. */
  readonly recorded: RecordedJob;
}
