import { SetMetadata } from '@nestjs/common';
import { PROCESSOR_METADATA } from '../active-job.constants';
import type { ProcessorOptions } from '../interfaces/processor-options.interface';

export interface ProcessorMetadata extends ProcessorOptions {
  queue: string;
}

/**
 * Declares how a worker process consumes a queue: its concurrency and Bull rate limit.
 * Put it on any provider (a job class or a small class of its own). Queues without one get the
 * module's `worker.concurrency`. It has an effect only where jobs are consumed (worker mode, or
 * the in-process `async` adapter).
 *
 * @example
 * @Processor('mailers', { concurrency: 5, limiter: { max: 100, duration: 60_000 } })
 * export class MailersProcessor {}
 * @publicApi
 */
export const Processor = (queue: string, options: ProcessorOptions = {}): ClassDecorator =>
  SetMetadata(PROCESSOR_METADATA, { ...options, queue } satisfies ProcessorMetadata);
