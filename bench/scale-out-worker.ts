// A worker process for scale-out.bench.ts: `fork`ed with Redis URL, prefix and concurrency; says
// 'ready' over IPC once it consumes, on 'count' how many jobs it performed since the last count, on 'stop' closes.
import 'reflect-metadata';
import { ConsoleLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ActiveJobModule } from '../src/active-job';
import { BenchJob, benchProbe } from './bench.job';
import { WaitingJob } from './waiting.job';

const [redisUrl, prefix, concurrency] = process.argv.slice(2);

@Module({
  imports: [
    ActiveJobModule.forRoot({ connection: redisUrl, prefix, worker: { enabled: true, concurrency: Number(concurrency) } }),
    ActiveJobModule.forFeature([BenchJob, WaitingJob]),
  ],
})
class ScaleOutWorkerModule {}

async function main(): Promise<void> {
  // Nest's default logger, per-job lines included, as the other process.* measurements run.
  const app = await NestFactory.createApplicationContext(ScaleOutWorkerModule, { logger: new ConsoleLogger() });
  process.on('message', (message) => {
    if (message === 'count') {
      // The jobs it performed since the last count: the same workers serve 1, 2 and 4 at a time.
      process.send!({ performed: benchProbe.performed });
      benchProbe.performed = 0;
    }
    if (message === 'stop') void app.close().then(() => process.exit(0));
  });
  process.send!('ready');
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
