import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import type { Socket } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { EnqueuedJob } from '../../src/active-job';
import { RecordJob } from '../jobs/record.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';

type BullAdapterView = { redisClient(): Redis; providerQueue(name: string): Queue };

/** Counts the socket's system-call writes: one per `_write`, one per `_writev` of however many commands. */
function countSocketWrites(stream: Socket): { readonly count: number; restore(): void } {
  const socket = stream as Socket & { _write: Function; _writev: Function };
  const { _write, _writev } = socket;
  const counter = { count: 0, restore: () => Object.assign(socket, { _write, _writev }) };
  socket._write = function (this: Socket, ...args: unknown[]) {
    counter.count++;
    return _write.apply(this, args);
  };
  socket._writev = function (this: Socket, ...args: unknown[]) {
    counter.count++;
    return _writev.apply(this, args);
  };
  return counter;
}

describe('Bull adapter: socket writes of adds in flight together', () => {
  let app: INestApplicationContext;
  let adapter: BullAdapterView;

  beforeEach(async () => {
    app = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix: uniquePrefix() });
    adapter = app.get<BullAdapterView>('active-job:queue-adapter');
    await RecordJob.performLater('connected'); // the connection is ready and Bull's add script is loaded
  });

  afterEach(() => app.close());

  it('sends adds made in one tick in one write, and stores every job under its own id', async () => {
    const writes = countSocketWrites(adapter.redisClient().stream);
    try {
      const enqueued = await Promise.all(Array.from({ length: 50 }, (_, i) => RecordJob.performLater(`job ${i}`)));
      expect(writes.count).toBe(1); // one add after another, they would take 50
      const ids = enqueued.map((job) => job.providerJobId);
      expect(new Set(ids).size).toBe(50);
      const stored = await Promise.all(ids.map((id) => adapter.providerQueue('records').getJob(id)));
      expect(stored.map((job) => job?.name)).toEqual(Array(50).fill('RecordJob'));
    } finally {
      writes.restore();
    }
  });

  it("sends the adds a timer's or a request's handler makes in one write too, though Bull writes them microtasks later", async () => {
    const writes = countSocketWrites(adapter.redisClient().stream);
    try {
      const enqueued = await new Promise<EnqueuedJob[]>((resolve, reject) =>
        setTimeout(() => {
          Promise.all(Array.from({ length: 50 }, (_, i) => RecordJob.performLater(`timed ${i}`))).then(resolve, reject);
        }),
      );
      expect(writes.count).toBe(1);
      expect(new Set(enqueued.map((job) => job.providerJobId)).size).toBe(50);
    } finally {
      writes.restore();
    }
  });

  it('sends a lone add at once, without holding the socket for the tick', async () => {
    const stream = adapter.redisClient().stream;
    const writes = countSocketWrites(stream);
    try {
      for (let i = 0; i < 5; i++) {
        const enqueued = RecordJob.performLater(`alone ${i}`);
        expect(stream.writableCorked).toBe(0);
        await enqueued;
      }
      expect(writes.count).toBe(5);
    } finally {
      writes.restore();
    }
  });
});
