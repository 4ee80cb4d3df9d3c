import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { v1Payload } from '../support/v1-payload';
import { waitUntil } from '../support/wait-until';

/** Jobs another client (or corruption) put in the queue: each fails alone, with a reason, and the worker goes on. */
describe('payloads the worker cannot perform', () => {
  let producer: INestApplicationContext;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  let prefix: string;

  beforeEach(async () => {
    prefix = uniquePrefix();
    producer = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix });
    queue = producer.get<Queue>(getQueueToken('records'), { strict: false });
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await producer.close();
  });

  const validPayload = (overrides: object) => v1Payload({ jobClass: 'RecordJob', queueName: 'records', arguments: ['x'] }, overrides);

  async function failedReasonOf(jobId: string | number): Promise<{ reason: string; attemptsMade: number }> {
    await waitUntil(async () => (await (await queue.getJob(jobId))?.isFailed()) === true, 10_000, `job ${jobId} to fail`);
    // Read again once failed: a copy read just before the failure landed has no reason yet.
    const job = await queue.getJob(jobId);
    return { reason: job!.failedReason!, attemptsMade: job!.attemptsMade };
  }

  async function startWorker(): Promise<void> {
    worker = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix, worker: { enabled: true } });
  }

  it('fails a job whose data is not JSON without retrying it, and keeps performing others', async () => {
    const corrupt = await queue.add('RecordJob', validPayload({}), { attempts: 3, preventParsingData: true });
    await queue.client.hset(`${prefix}:records:${corrupt.id}`, 'data', '{"v":1, broken');
    await RecordJob.performLater('after-corrupt');
    await startWorker();
    const failure = await failedReasonOf(corrupt.id);
    expect(failure.reason).toMatch(/^Job payload is not valid JSON/);
    expect(failure.attemptsMade).toBe(1);
    const [entry] = await worker!.get(PerformedLog).waitFor(1);
    expect(entry.args[0]).toBe('after-corrupt');
  });

  it('fails at once a job Bull itself cannot parse (added without preventParsingData), and keeps going', async () => {
    const unparsable = await queue.add('RecordJob', validPayload({}), { attempts: 3 });
    await queue.client.hset(`${prefix}:records:${unparsable.id}`, 'data', '{"v":1, broken');
    await RecordJob.performLater('after-unparsable');
    await startWorker();
    // Read straight from Redis: Bull's getJob would trip over the same bad JSON.
    const key = `${prefix}:records:${unparsable.id}`;
    await waitUntil(async () => (await queue.client.zscore(`${prefix}:records:failed`, String(unparsable.id))) !== null, 5_000, 'the job to fail');
    expect(await queue.client.hget(key, 'failedReason')).toMatch(/^Job payload is not valid JSON/);
    expect(await queue.client.hget(key, 'attemptsMade')).toBe('1');
    await worker!.get(PerformedLog).waitFor(1, 2_000);
  });

  it.each([
    ['an unknown payload version', validPayload({ v: 99 }), 'Job payload version 99 is not supported (this worker reads versions 1 and 2)'],
    ['a payload that is not an object', 'just a string', 'Job payload must be an object, got string'],
    ['arguments that are not a list', validPayload({ arguments: 'x' }), 'Job payload field "arguments" must be an array'],
    [
      'an unknown serialized type',
      validPayload({ arguments: [{ _aj_serialized: 'Money', value: 1 }] }),
      'Cannot deserialize arguments[0]: no serializer for type "Money"',
    ],
  ])('fails %s with a clear reason', async (_, data, reason) => {
    const job = await queue.add('RecordJob', data, { preventParsingData: true });
    await startWorker();
    expect((await failedReasonOf(job.id)).reason).toContain(reason);
  });

  it('fails a job whose class this worker does not know, naming the class, and keeps running', async () => {
    const ghost = await queue.add('GhostJob', validPayload({ jobClass: 'GhostJob' }), { preventParsingData: true });
    await RecordJob.performLater('after-ghost');
    await startWorker();
    expect((await failedReasonOf(ghost.id)).reason).toBe(
      'Unknown job class "GhostJob": this worker knows RecordJob. Register it with ActiveJobModule.forFeature([GhostJob]) in the worker\'s modules.',
    );
    await worker!.get(PerformedLog).waitFor(1);
  });

  it('reads a job another Bull client added as a plain object', async () => {
    await queue.add('RecordJob', validPayload({ arguments: ['from-elsewhere'] }));
    await startWorker();
    const [entry] = await worker!.get(PerformedLog).waitFor(1);
    expect(entry.args[0]).toBe('from-elsewhere');
  });
});
