import { type DynamicModule, Module } from '@nestjs/common';
import { ActiveJobModule, type OutboxStore } from '../active-job';
import { DatabaseModule, OUTBOX } from './database';
import { type DemoConfig, DemoConfigModule } from './config';
import { activeJobOptions, JobsModule } from './jobs';

/** The worker process: the same jobs and their dependencies, consuming their queues, no HTTP. */
@Module({})
export class WorkerModule {
  static register(config: DemoConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DemoConfigModule.forRoot(config),
        ActiveJobModule.forRootAsync({
          imports: [DatabaseModule],
          useFactory: (outbox: OutboxStore) => activeJobOptions(config, 'worker', outbox),
          inject: [OUTBOX],
        }),
        JobsModule,
      ],
    };
  }
}
