import type { INestApplicationContext } from '@nestjs/common';
import {
  ApplicationJob,
  type ActiveJobModuleOptions,
  type ArgumentSerializer,
  JobNotRegisteredError,
  JobQueue,
  SerializationError,
} from '../../src/active-job';
import { FlakyJob } from '../jobs/flaky.job';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { TimeoutJob } from '../jobs/timeout.job';
import { createJobsApp } from '../support/jobs-app';

export interface AdapterUnderTest {
  name: string;
  options: () => ActiveJobModuleOptions;
  /** How `set({ wait })` behaves: Bull and async wait, inline refuses, the test adapter (performing enqueued jobs) runs it at once. */
  schedules: 'waits' | 'refuses' | 'at once';
  /** False for inline, where a failure rejects performLater instead of being retried. */
  retries: boolean;
  /** Adapters that perform inside performLater (inline, test) reject it with a final failure. */
  rejectsFailures: boolean;
}

class Money {
  constructor(
    readonly cents: number,
    readonly currency: string,
  ) {}
}

const moneySerializer: ArgumentSerializer<Money> = {
  key: 'Money',
  canSerialize: (value): value is Money => value instanceof Money,
  serialize: (money) => [money.cents, money.currency],
  deserialize: ([cents, currency]) => new Money(cents, currency),
};

class UnregisteredJob extends ApplicationJob {
  perform(): void {}
}

/** The behaviour every adapter shares, run once per adapter (ActiveJob's adapter-agnostic test suite). */
export function describeAdapterBehaviour(adapter: AdapterUnderTest): void {
  describe(`${adapter.name} adapter behaviour`, () => {
    let app: INestApplicationContext;
    let log: PerformedLog;

    beforeEach(async () => {
      app = await createJobsApp({ jobs: [RecordJob, FlakyJob, TimeoutJob], ...adapter.options() });
      log = app.get(PerformedLog);
    });

    afterEach(() => app.close());

    it('performs a job with its arguments round-tripped exactly', async () => {
      const argument = {
        at: new Date('2026-11-29T08:00:00.123Z'),
        big: 2n ** 70n,
        map: new Map<unknown, unknown>([
          ['a', 1],
          [2, new Set(['x'])],
        ]),
        nothing: undefined,
        nested: [[1, 'two', null, { deep: [true, -0, Number.NaN, Infinity] }]],
      };
      await RecordJob.performLater('exact', argument);
      const [entry] = await log.waitFor(1);
      expect(entry.args[0]).toBe('exact');
      expect(entry.args[1]).toStrictEqual(argument);
      expect(Object.is((entry.args[1] as any).nested[0][3].deep[1], -0)).toBe(true);
    });

    it('injects constructor dependencies and gives each run its job id and executions', async () => {
      const handle = await RecordJob.performLater('di');
      const [entry] = await log.waitFor(1);
      expect(entry).toMatchObject({ jobId: handle.jobId, executions: 1 });
      expect(handle).toEqual({ jobId: expect.any(String), providerJobId: expect.any(String), queueName: 'records', scheduledAt: null });
    });

    it('enqueues through the injectable JobQueue just as through the class', async () => {
      await app.get(JobQueue).performLater(RecordJob, 'injected');
      const [entry] = await log.waitFor(1);
      expect(entry.args[0]).toBe('injected');
    });

    it('performs every job of a performAllLater batch', async () => {
      const handles = await RecordJob.performAllLater([['a'], ['b'], ['c']]);
      expect(handles).toHaveLength(3);
      expect(new Set(handles.map((handle) => handle.jobId)).size).toBe(3);
      await log.waitFor(3);
      expect(log.entries.map((entry) => entry.args[0]).sort()).toEqual(['a', 'b', 'c']);
    });

    it('returns what perform returns from performNow, without a queue', async () => {
      await expect(RecordJob.performNow('now')).resolves.toBe('recorded now');
      expect(log.entries).toEqual([expect.objectContaining({ args: ['now', undefined], executions: 1 })]);
    });

    it('refuses an argument it cannot carry, naming its path, and performs nothing', async () => {
      const error = await RecordJob.performLater('bad', { user: { createdBy: () => 1 } }).catch((e) => e);
      expect(error).toBeInstanceOf(SerializationError);
      expect(error.message).toContain('arguments[1].user.createdBy');
      // A job enqueued after it is performed alone: the refused one was never stored.
      await RecordJob.performLater('after');
      await log.waitFor(1);
      expect(log.entries.map((entry) => entry.args[0])).toEqual(['after']);
    });

    it('refuses a payload over maxPayloadBytes at enqueue', async () => {
      const small = await createJobsApp({ jobs: [RecordJob], ...adapter.options(), maxPayloadBytes: 1024 });
      try {
        await expect(RecordJob.performLater('big', 'x'.repeat(2000))).rejects.toThrow(
          /^RecordJob payload is \d+ bytes, over the limit of 1024 bytes \(maxPayloadBytes\)/,
        );
        await expect(RecordJob.performLater('fits', 'x'.repeat(100))).resolves.toBeDefined();
      } finally {
        await small.close();
      }
    });

    it('carries custom types with the serializers given to forRoot', async () => {
      await app.close();
      app = await createJobsApp({ jobs: [RecordJob], ...adapter.options(), serializers: [moneySerializer] });
      log = app.get(PerformedLog);
      await RecordJob.performLater('money', new Money(1250, 'EUR'));
      const [entry] = await log.waitFor(1);
      expect(entry.args[1]).toBeInstanceOf(Money);
      expect(entry.args[1]).toEqual(new Money(1250, 'EUR'));
    });

    it('refuses a job class that is not registered', async () => {
      await expect(app.get(JobQueue).performLater(UnregisteredJob)).rejects.toThrow(JobNotRegisteredError);
    });

    it('aborts the signal of a run that passes its timeout and fails it', async () => {
      const outcome = TimeoutJob.performLater(250).then(
        () => 'enqueued',
        (error: Error) => error.name,
      );
      const [entry] = await log.waitFor(1);
      expect(entry.args).toEqual([250, true]);
      expect(await outcome).toBe(adapter.rejectsFailures ? 'JobTimeoutError' : 'enqueued');
    });

    if (adapter.retries) {
      it('retries a failing job up to its attempts, counting executions', async () => {
        await FlakyJob.performLater(2);
        await log.waitFor(2);
        expect(log.entries.map((entry) => entry.executions)).toEqual([1, 2]);
      });
    } else {
      it('rejects performLater with the error perform raised', async () => {
        await expect(FlakyJob.performLater(2)).rejects.toThrow('flaky failure on run 1');
      });
    }

    if (adapter.schedules === 'waits') {
      it('waits before performing a job set to wait', async () => {
        const enqueuedAt = Date.now();
        const handle = await RecordJob.set({ wait: 300 }).performLater('later');
        expect(handle.scheduledAt!.getTime()).toBeGreaterThanOrEqual(enqueuedAt + 300);
        // Compared with when it ran, not checked after a sleep: a slow enqueue on a busy machine can outlast a sleep.
        await log.waitFor(1);
        expect(log.recordedAt[0] - enqueuedAt).toBeGreaterThanOrEqual(290);
      });
    } else if (adapter.schedules === 'refuses') {
      it('refuses to schedule a job for later', async () => {
        await expect(RecordJob.set({ wait: '10m' }).performLater('later')).rejects.toThrow('cannot schedule');
      });
    } else {
      it('performs a job set to wait at once, keeping when it was due', async () => {
        const handle = await RecordJob.set({ wait: '10m' }).performLater('later');
        expect(handle.scheduledAt!.getTime()).toBeGreaterThan(Date.now() + 590_000);
        await log.waitFor(1);
      });
    }
  });
}
