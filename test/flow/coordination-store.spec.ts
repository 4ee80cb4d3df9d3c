import Redis from 'ioredis';
import type { CoordinationStore } from '../../src/active-job/coordination/coordination-store.interface';
import { MemoryCoordinationStore } from '../../src/active-job/coordination/memory-coordination-store';
import { RedisCoordinationStore } from '../../src/active-job/coordination/redis-coordination-store';
import { testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

const entry = (jobId: string) => JSON.stringify({ payload: { jobId }, options: {} });
const handle = (jobId: string, providerJobId?: string) => JSON.stringify({ jobId, providerJobId, queueName: 'q', scheduledAt: null });

// One contract, two stores: the Lua scripts on a real Redis, and the memory store of the in-process adapters.
describe.each<[string, () => { store: CoordinationStore; close: () => void }]>([
  [
    'Redis',
    () => {
      const redis = new Redis(testRedisUrl());
      return { store: new RedisCoordinationStore(() => redis, uniquePrefix()), close: () => redis.disconnect() };
    },
  ],
  ['memory', () => ({ store: new MemoryCoordinationStore(), close: () => undefined })],
])('the %s coordination store', (_name, create) => {
  let store: CoordinationStore;
  let close: () => void;

  beforeEach(() => ({ store, close } = create()));
  afterEach(() => close());

  it('claims a unique lock once, knows its owner, settles and releases it only for the owner', async () => {
    expect(await store.uniqueClaim('k', 'job-1', handle('job-1'), 60_000)).toEqual({ state: 'claimed' });
    expect(await store.uniqueClaim('k', 'job-1', handle('job-1'), 60_000)).toEqual({ state: 'own', value: handle('job-1') });
    await store.uniqueSettle('k', 'job-1', handle('job-1', '7'), 60_000);
    expect(await store.uniqueClaim('k', 'job-2', handle('job-2'), 60_000)).toEqual({ state: 'taken', value: handle('job-1', '7') });
    await store.uniqueSettle('k', 'job-2', handle('job-2', '8'), 60_000); // not the owner: no effect
    await store.uniqueRelease('k', 'job-2');
    expect(await store.uniqueClaim('k', 'job-2', handle('job-2'), 60_000)).toMatchObject({ state: 'taken' });
    await store.uniqueRelease('k', 'job-1');
    await store.uniqueSettle('k', 'job-1', handle('job-1', '9'), 60_000); // released meanwhile: stays released
    expect(await store.uniqueClaim('k', 'job-2', handle('job-2'), 60_000)).toEqual({ state: 'claimed' });
  });

  it('lets a unique lock expire by itself', async () => {
    await store.uniqueClaim('k', 'job-1', handle('job-1'), 100);
    await waitUntil(async () => (await store.uniqueClaim('k', 'job-2', handle('job-2'), 100)).state === 'claimed', 5_000, 'the lock to expire');
  });

  it('gives `limit` slots, parks the rest in order and hands freed slots to them', async () => {
    expect(await store.slotAcquire('acme', 'a', 2, 60_000, entry('a'))).toBe('acquired');
    expect(await store.slotAcquire('acme', 'b', 2, 60_000, entry('b'))).toBe('acquired');
    expect(await store.slotAcquire('acme', 'a', 2, 60_000, entry('a'))).toBe('acquired'); // a holder asking again (a stalled job re-run)
    expect(await store.slotAcquire('acme', 'c', 2, 60_000, entry('c'))).toBe('blocked');
    expect(await store.slotAcquire('acme', 'd', 2, 60_000, entry('d'))).toBe('blocked');
    expect(await store.slotAcquire('acme', 'e', 2, 60_000, null)).toBe('conflict');
    expect(await store.slotAcquire('globex', 'x', 2, 60_000, entry('x'))).toBe('acquired');
    expect(await store.blockedNames()).toEqual(new Map([['acme', { limit: 2, durationMs: 60_000 }]]));

    expect(await store.slotRelease('acme', 'a', 2, 60_000)).toEqual([entry('c')]);
    // c holds the freed slot before it is even enqueued again: a newcomer finds none.
    expect(await store.slotAcquire('acme', 'f', 2, 60_000, null)).toBe('conflict');
    expect(await store.slotAcquire('acme', 'c', 2, 60_000, null)).toBe('acquired');
    expect(await store.slotRelease('acme', 'b', 2, 60_000)).toEqual([entry('d')]);
    expect(await store.blockedNames()).toEqual(new Map());
    expect(await store.slotRelease('acme', 'c', 2, 60_000)).toEqual([]);
  });

  it('frees the slot of a holder that never released it after its duration, on a sweep', async () => {
    expect(await store.slotAcquire('crash', 'dead', 1, 200, entry('dead'))).toBe('acquired');
    expect(await store.slotAcquire('crash', 'next', 1, 200, entry('next'))).toBe('blocked');
    expect(await store.slotRelease('crash', '', 1, 200)).toEqual([]); // a sweep while the slot is live
    let released: string[] = [];
    await waitUntil(async () => (released = await store.slotRelease('crash', '', 1, 200)).length > 0, 5_000, 'the slot to expire');
    expect(released).toEqual([entry('next')]);
  });

  it('stamps each recurring tick once, skips paused and stale declarations, and forgets removed tasks', async () => {
    await store.recurringSync(
      new Map([
        ['report', 'v1'],
        ['cleanup', 'c1'],
      ]),
    );
    expect(await store.recurringClaim('report', 'v1', 1_000)).toBe('claimed');
    expect(await store.recurringClaim('report', 'v1', 1_000)).toBe('done');
    expect(await store.recurringClaim('report', 'v0', 2_000)).toBe('stale');
    expect(await store.recurringPause('report', true)).toBe(true);
    expect(await store.recurringClaim('report', 'v1', 2_000)).toBe('paused');
    expect(await store.recurringPause('report', false)).toBe(true);
    expect(await store.recurringClaim('report', 'v1', 2_000)).toBe('claimed');
    expect(await store.recurringPause('nope', true)).toBe(false);
    await store.recurringSync(new Map([['report', 'v2']]));
    expect(await store.recurringTasks()).toEqual([{ key: 'report', definition: 'v2', lastTickMs: 2_000, paused: false }]);
    expect(await store.recurringClaim('cleanup', 'c1', 3_000)).toBe('stale');
  });
});

describe('the Redis coordination store after a crash between unblocking and enqueueing', () => {
  it('hands the unblocked entry to one sweep once it is older than the grace period', async () => {
    const redis = new Redis(testRedisUrl());
    const prefix = uniquePrefix();
    const store = new RedisCoordinationStore(() => redis, prefix);
    await store.slotAcquire('n', 'a', 1, 60_000, entry('a'));
    await store.slotAcquire('n', 'b', 1, 60_000, entry('b'));
    expect(await store.slotRelease('n', 'a', 1, 60_000)).toEqual([entry('b')]); // ...and the process dies here
    expect(await store.staleUnblocked(60_000)).toEqual([]);
    let stale: string[] = [];
    await waitUntil(async () => (stale = await store.staleUnblocked(1)).length > 0, 5_000, 'the entry to age');
    expect(stale).toEqual([entry('b')]);
    expect(await store.staleUnblocked(1_000)).toEqual([]); // stamped anew: another sweeper does not take it too
    await store.unblocked('b'); // enqueued again: nothing left to recover
    expect(await redis.hlen(`${prefix}:active-job:concurrency-unblocking`)).toBe(0);
    redis.disconnect();
  });
});
