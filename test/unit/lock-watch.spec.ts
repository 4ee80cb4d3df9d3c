import { EventEmitter } from 'node:events';
import type { Job, Queue } from 'bull';
import { LockWatch } from '../../src/active-job/bull/lock-watch';
import { LockLostError } from '../../src/active-job/errors/lock-lost.error';
import { checkOwnership } from '../../src/active-job/execution/ownership-probe';
import { runSignal } from '../../src/active-job/execution/stale-run';

/** A Bull queue as LockWatch sees it: lock settings, this worker's token, and a Redis where every lock is still this worker's. */
function fakeQueue(): Queue & EventEmitter {
  return Object.assign(new EventEmitter(), {
    name: 'mailers',
    token: 'this-worker',
    settings: { lockDuration: 2_000, lockRenewTime: 1_000 },
    toKey: (id: string) => `bull:mailers:${id}`,
    client: { get: () => Promise.resolve('this-worker') },
  }) as unknown as Queue & EventEmitter;
}

const job = (id: number) => ({ id }) as Job;

describe('LockWatch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps one interval from the first run until it is closed, however many runs come and go', () => {
    const setInterval = jest.spyOn(global, 'setInterval');
    const locks = new LockWatch(fakeQueue());
    for (let id = 1; id <= 3; id++) locks.release(locks.watch(job(id)));
    expect(setInterval).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(1);
    locks.close();
    expect(jest.getTimerCount()).toBe(0);
  });

  it("creates a run's signal when it is read, aborted already if the lock was lost before", () => {
    const queue = fakeQueue();
    const locks = new LockWatch(queue);
    const unread = locks.watch(job(1));
    const read = locks.watch(job(2));
    const readSignal = read.signal;
    expect(readSignal.aborted).toBe(false);

    queue.emit('lock-extension-failed', job(1), new Error('Missing lock for job 1. moveToFinished'));
    queue.emit('lock-extension-failed', job(2), new Error('Missing lock for job 2. moveToFinished'));

    expect(unread.lostReason).toBeInstanceOf(LockLostError);
    expect(unread.signal.aborted).toBe(true);
    expect(unread.signal.reason).toBe(unread.lostReason);
    expect(readSignal.aborted).toBe(true);
    expect((readSignal.reason as Error).message).toMatch(/it could not be extended \(Missing lock for job 2/);
  });

  it('takes the runs that stood still with the process for lost, not one begun after it resumed', async () => {
    const locks = new LockWatch(fakeQueue());
    const during = locks.watch(job(1));
    await jest.advanceTimersByTimeAsync(250); // a tick while the process runs

    // The process stands still (SIGSTOP) for longer than lockDuration: its clock moves, no timer fires.
    jest.setSystemTime(Date.now() + 3_000);
    const after = locks.watch(job(2)); // fetched on resuming, before the next tick
    await jest.advanceTimersByTimeAsync(250);

    expect(during.lostReason?.message).toMatch(/this process stood still for \d+ ms, longer than lockDuration \(2000 ms\)/);
    expect(after.lostReason).toBeUndefined();
    expect(after.signal.aborted).toBe(false);
  });

  it('answers checkOwnership at once after a standstill, before the overdue tick, through the run signal a job sees', async () => {
    const locks = new LockWatch(fakeQueue());
    const run = locks.watch(job(1));
    const timeout = new AbortController();
    const seen = runSignal(timeout.signal, run.signal); // a job with a timeout sees both, combined
    await jest.advanceTimersByTimeAsync(250);

    checkOwnership(seen);
    expect(seen.aborted).toBe(false); // the clock has not stood still: nothing to say yet

    jest.setSystemTime(Date.now() + 3_000); // SIGSTOP: the clock moves, no timer fires
    checkOwnership(seen);
    expect(run.lostReason?.message).toMatch(/this process stood still for \d+ ms, longer than lockDuration \(2000 ms\)/);
    expect(seen.aborted).toBe(true);
    expect(seen.reason).toBe(run.lostReason);
  });

  it('leaves a signal without an ownership check alone', () => {
    const controller = new AbortController();
    checkOwnership(controller.signal);
    checkOwnership(undefined);
    expect(controller.signal.aborted).toBe(false);
  });
});
