import { Inject, Injectable } from '@nestjs/common';
import type { Job as BullJob } from 'bull';
import { QUEUE_ADAPTER } from '../active-job.constants';
import { PAYLOAD_NOT_JSON } from '../active-job.messages';
import { DeserializationError } from '../errors/deserialization.error';
import { positiveInteger } from '../validation/option-checks';
import { bullQueueOf } from '../adapters/provider-queue';
import { readStoredPayload } from '../bull/stored-payload';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { UNREADABLE_DATA } from '../bull/readable-failed-jobs';
import { parsePayload } from '../execution/parse-payload';
import { JobRegistry } from '../job-registry';
import { Arguments } from '../serialization/arguments';
import type { FailedJob, FailedJobsFilter } from './failed-job.interface';

const DEFAULT_LIMIT = 1_000;

/**
 * Lists, retries and discards failed jobs by queue and job class (Solid Queue's
 * `FailedExecution#retry`, Laravel's `queue:retry`). Bull keeps failed jobs; other adapters do not.
 *
 * @example
 * const failed = await failedJobs.list({ queue: 'mailers', jobClass: WelcomeEmailJob });
 * await failedJobs.retry({ jobClass: WelcomeEmailJob });   // back to waiting, run again
 * await failedJobs.discard({ queue: 'mailers' });          // removed for good
 * await failedJobs.discard({ queue: 'mailers', providerJobId: '42' }); // just that one
 * @publicApi
 */
@Injectable()
export class FailedJobs {
  constructor(
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
  ) {}

  async list(filter: FailedJobsFilter = {}): Promise<FailedJob[]> {
    return (await this.find(filter)).map((job) => this.describe(job));
  }

  /** Moves matching failed jobs back to waiting; resolves to how many. */
  async retry(filter: FailedJobsFilter = {}): Promise<number> {
    const jobs = await this.find(filter);
    for (const job of jobs) await job.retry();
    return jobs.length;
  }

  /** Removes matching failed jobs for good; resolves to how many. */
  async discard(filter: FailedJobsFilter = {}): Promise<number> {
    const jobs = await this.find(filter);
    for (const job of jobs) await job.remove();
    return jobs.length;
  }

  private async find(filter: FailedJobsFilter): Promise<BullJob[]> {
    const limit = positiveInteger(filter.limit ?? DEFAULT_LIMIT, 'FailedJobs limit');
    const jobClass = typeof filter.jobClass === 'function' ? this.registry.forType(filter.jobClass).name : filter.jobClass;
    const queueNames = filter.queue ? [filter.queue] : this.registry.queueNames();
    const found: BullJob[] = [];
    for (const queueName of queueNames) {
      const queue = bullQueueOf(this.adapter, queueName, 'FailedJobs');
      // One job by id: it must be in the failed set, not merely exist.
      const failed =
        filter.providerJobId !== undefined
          ? (await queue.client.zscore(queue.toKey('failed'), filter.providerJobId)) === null
            ? []
            : [await queue.getJob(filter.providerJobId)]
          : await queue.getFailed(0, limit - 1);
      found.push(...failed.filter((job): job is BullJob => !!job && (!jobClass || job.name === jobClass)));
    }
    return found;
  }

  private describe(job: BullJob): FailedJob {
    const base = {
      providerJobId: String(job.id),
      queueName: job.queue.name,
      jobClass: job.name,
      failedReason: job.failedReason ?? '',
      stacktrace: job.stacktrace ?? [],
      attemptsMade: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
    const unparsable = (job as BullJob & { [UNREADABLE_DATA]?: string })[UNREADABLE_DATA];
    try {
      if (unparsable !== undefined) throw new DeserializationError(PAYLOAD_NOT_JSON(unparsable));
      const payload = parsePayload(readStoredPayload(job));
      return {
        ...base,
        jobId: payload.jobId,
        arguments: this.serializer.deserialize(payload.arguments),
        unreadable: null,
        executions: payload.executions + job.attemptsMade,
      };
    } catch (error) {
      return { ...base, jobId: null, arguments: job.data, unreadable: (error as Error).message, executions: null };
    }
  }
}
