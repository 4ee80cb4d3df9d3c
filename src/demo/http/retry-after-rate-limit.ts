import { Logger } from '@nestjs/common';
import type { ApplicationJob } from '../../active-job';
import type { ServiceRateLimitedError } from './errors/service-rate-limited.error';

/**
 * Reschedules `job` once the service's Retry-After has passed, without spending a `@RetryOn`
 * attempt: the service is telling us when, it is not failing. The current run then ends normally.
 *
 * @example
 * if (error instanceof ServiceRateLimitedError) return retryWhenAllowed(this, error);
 */
export function retryWhenAllowed(job: ApplicationJob, limited: ServiceRateLimitedError): Promise<void> {
  new Logger(job.constructor.name).log(
    `${job.constructor.name} (Job ID: ${job.jobId}) rate limited: ${limited.message}; runs again in ${limited.retryAfterMs} ms, no attempt spent`,
  );
  return job.retryAfter(limited.retryAfterMs);
}
