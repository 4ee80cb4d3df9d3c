import type { Redis } from 'ioredis';
import { CoalescedWrites } from '../../src/active-job/bull/coalesced-writes';

function fakeSocket(writable = true) {
  return {
    writable,
    corks: 0,
    uncorks: 0,
    cork() {
      this.corks++;
    },
    uncork() {
      this.uncorks++;
    },
  };
}
const clientOn = (stream: unknown) => ({ stream }) as unknown as Redis;
// Held writes are let go in the event loop's check phase, where setImmediate callbacks run.
const checkPhase = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CoalescedWrites', () => {
  it('holds a connection once per tick and lets it go in the check phase', async () => {
    const socket = fakeSocket();
    const writes = new CoalescedWrites();
    writes.hold(clientOn(socket));
    writes.hold(clientOn(socket));
    expect(socket).toMatchObject({ corks: 1, uncorks: 0 });
    await checkPhase();
    expect(socket).toMatchObject({ corks: 1, uncorks: 1 });
    writes.hold(clientOn(socket));
    await checkPhase();
    expect(socket).toMatchObject({ corks: 2, uncorks: 2 });
  });

  it('leaves alone a client without a socket of its own (a Cluster) and a socket that no longer takes writes', async () => {
    const closed = fakeSocket(false);
    const writes = new CoalescedWrites();
    writes.hold(clientOn(undefined));
    writes.hold(clientOn(closed));
    await checkPhase();
    expect(closed).toMatchObject({ corks: 0, uncorks: 0 });
    const open = fakeSocket();
    writes.hold(clientOn(open)); // nothing was held by the calls before
    expect(open.corks).toBe(1);
    await checkPhase();
  });
});
