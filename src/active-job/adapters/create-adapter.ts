import { Logger } from '@nestjs/common';
import type { ResolvedActiveJobOptions } from '../active-job-options';
import { QueueRegistry } from '../bull/queue-registry';
import { AsyncAdapter } from './async.adapter';
import { BullAdapter } from './bull.adapter';
import { InlineAdapter } from './inline.adapter';
import type { QueueAdapter } from './queue-adapter.interface';
import { TestAdapter } from './test.adapter';

export function createAdapter(options: ResolvedActiveJobOptions): QueueAdapter {
  switch (options.adapter) {
    case 'bull':
      return new BullAdapter(
        new QueueRegistry({ connection: options.connection, prefix: options.prefix, settings: options.bullSettings, maxPayloadBytes: options.maxPayloadBytes }),
        options.enqueueTimeoutMs,
      );
    case 'async':
      new Logger('ActiveJob').warn(
        'Jobs run in this process with the async adapter: they live in memory and are lost on restart. ' + 'Set a Redis connection for durable jobs.',
      );
      return new AsyncAdapter(options.worker.concurrency);
    case 'inline':
      return new InlineAdapter();
    case 'test':
      return new TestAdapter();
    default:
      return options.adapter;
  }
}
