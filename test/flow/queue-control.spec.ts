import { BullAdapter as BoardBullAdapter } from '@bull-board/api/bullAdapter';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { InvalidJobOptionsError, QueueControl } from '../../src/active-job';
import { PerformedLog } from '../jobs/performed-log';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { NotedJob } from './jobs/noted.job';

describe('QueueControl: pausing a queue for every worker', () => {
  let web: INestApplicationContext;
  let worker: INestApplicationContext;
  let log: PerformedLog;
  let queue: Queue;

  beforeEach(async () => {
    const prefix = uniquePrefix();
    web = await createJobsApp({ jobs: [NotedJob], connection: testRedisUrl(), prefix });
    worker = await createJobsApp({ jobs: [NotedJob], connection: testRedisUrl(), prefix, worker: { enabled: true } });
    log = worker.get(PerformedLog);
    queue = web.get<Queue>(getQueueToken('noted'), { strict: false });
  });

  afterEach(async () => {
    await worker.close();
    await web.close();
  });

  it('holds the jobs enqueued while paused until resumed, and Bull Board shows the queue paused', async () => {
    const control = web.get(QueueControl);
    await control.pause('noted');
    expect(await control.isPaused('noted')).toBe(true);
    expect(await worker.get(QueueControl).isPaused('noted')).toBe(true);
    expect(await new BoardBullAdapter(queue).isPaused()).toBe(true);
    expect(await control.list()).toEqual([{ name: 'noted', paused: true }]);

    await web.get(QueueControl).pause('noted'); // pausing twice is harmless
    await Promise.all(['a', 'b', 'c'].map((note) => NotedJob.performLater(note)));
    await waitUntil(async () => ((await queue.getJobCounts()) as { paused?: number }).paused === 3, 5_000, 'three paused jobs');
    expect(log.entries).toEqual([]);

    await control.resume('noted');
    expect(await new BoardBullAdapter(queue).isPaused()).toBe(false);
    await log.waitFor(3);
    expect(log.entries.map((entry) => entry.args[0]).sort()).toEqual(['a', 'b', 'c']);
  });

  it('names a bad queue name', async () => {
    await expect(web.get(QueueControl).pause('a:b')).rejects.toThrow(/QueueControl queue must be a non-empty queue name without ':'/);
  });
});

describe('QueueControl without Redis', () => {
  it('says that pausing needs the bull adapter', async () => {
    const app = await createJobsApp({ jobs: [NotedJob], adapter: 'test' });
    await expect(app.get(QueueControl).pause('noted')).rejects.toThrow(InvalidJobOptionsError);
    await expect(app.get(QueueControl).pause('noted')).rejects.toThrow(/needs the bull adapter, whose state lives in Redis; this application uses Test/);
    await app.close();
  });
});
