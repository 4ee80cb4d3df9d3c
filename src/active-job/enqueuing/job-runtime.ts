import { JOB_NOT_BOUND } from '../active-job.messages';
import { JobNotRegisteredError } from '../errors/job-not-registered.error';
import { StaticRuntime } from '../utils/static-runtime';
import type { JobQueue } from './job-queue.service';

/** The JobQueue a job class's `performLater` and `set()` reach; bound by the jobs explorer. */
export const JobRuntime = new StaticRuntime<JobQueue>((type) => new JobNotRegisteredError(JOB_NOT_BOUND(type.name)));
