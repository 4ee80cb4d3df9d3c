import { getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';
import { Processor } from '../../src/active-job';
import { drainDelayFor } from '../../src/active-job/bull/drain-delay';
import { RecordJob } from '../jobs/record.job';
import { SlowJob } from '../jobs/slow.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';

// Idle slots of a frozen worker keep blocking fetches queued in Redis for concurrency × drainDelay; they must
// all end well before the worker's own stalled jobs can be handed out again (RELIABILITY.md).
describe('drainDelay per consumed queue', () => {
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const settingsOf = (name: string) => (app!.get<Queue>(getQueueToken(name), { strict: false }) as Queue & { settings: { drainDelay: number } }).settings;

  it('keeps concurrency × drainDelay within a quarter of lockDuration, between 0.1 s and Bull’s 5 s', () => {
    expect(drainDelayFor(1, 30_000)).toBe(5);
    expect(drainDelayFor(2, 30_000)).toBe(3.7);
    expect(drainDelayFor(8, 30_000)).toBe(0.9);
    expect(drainDelayFor(5, 2_000)).toBe(0.1);
    expect(drainDelayFor(1_000, 30_000)).toBe(0.1);
    for (const concurrency of [1, 3, 5, 8, 16, 50]) expect(concurrency * drainDelayFor(concurrency, 30_000)).toBeLessThanOrEqual(7.5);
  });

  it("sets each consumed queue's own, from its @Processor concurrency", async () => {
    @Processor('records', { concurrency: 8 })
    class RecordsProcessor {}
    app = await createJobsApp({
      jobs: [RecordJob, SlowJob],
      providers: [RecordsProcessor],
      connection: testRedisUrl(),
      prefix: uniquePrefix(),
      worker: { enabled: true },
    });
    expect(settingsOf('records').drainDelay).toBe(0.9);
    expect(settingsOf('slow').drainDelay).toBe(5);
  });

  it('leaves an explicit bullSettings.drainDelay alone', async () => {
    app = await createJobsApp({
      jobs: [RecordJob],
      connection: testRedisUrl(),
      prefix: uniquePrefix(),
      worker: { enabled: true, concurrency: 20 },
      bullSettings: { drainDelay: 2 },
    });
    expect(settingsOf('records').drainDelay).toBe(2);
  });
});
