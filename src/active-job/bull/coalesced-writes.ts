import type { Cluster, Redis } from 'ioredis';

/** What a connection's socket offers for holding writes back: Node's `Writable` cork and uncork. */
interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Commands sent in one turn of the event loop leave in one socket write. ioredis writes each command
 * as it is sent, a system call apiece: with many adds in flight, those calls cost more than the adds
 * themselves, in this process and in redis-server (docs/performance.md). Held writes go out in the
 * loop's check phase (`setImmediate`), before it waits for I/O again. Not on `process.nextTick`:
 * Bull writes an add a few microtasks after `queue.add`, and from a timer or a request's handler the
 * next tick comes before those microtasks, so nothing would have been held.
 */
export class CoalescedWrites {
  private held?: Corkable;

  /**
   * Holds `client`'s writes until the loop's check phase. One connection at a time, as every add goes
   * through the registry's command client; a Cluster, whose commands fan out to its nodes, is left as it is.
   */
  hold(client: Redis | Cluster): void {
    if (this.held) return;
    const stream = (client as Partial<Redis>).stream;
    if (!stream?.writable) return;
    stream.cork();
    this.held = stream;
    setImmediate(this.release);
  }

  private readonly release = (): void => {
    const stream = this.held!;
    this.held = undefined;
    stream.uncork();
  };
}
