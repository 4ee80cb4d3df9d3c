import type { Cluster, Redis } from 'ioredis';

/** What a connection's socket offers for holding writes back: Node's `Writable` cork and uncork. */
interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Commands sent in one tick leave in one socket write. ioredis writes each command as it is sent,
 * a system call apiece: with many adds in flight, those calls cost more than the adds themselves,
 * in this process and in redis-server (docs/performance.md). Held writes go out once the tick's
 * microtasks have run, before any I/O: no command waits for a timer or for the next event.
 */
export class CoalescedWrites {
  private held?: Corkable;

  /**
   * Holds `client`'s writes until the end of this tick. One connection per tick, as every add goes
   * through the registry's command client; a Cluster, whose commands fan out to its nodes, is left as it is.
   */
  hold(client: Redis | Cluster): void {
    if (this.held) return;
    const stream = (client as Partial<Redis>).stream;
    if (!stream?.writable) return;
    stream.cork();
    this.held = stream;
    process.nextTick(this.release);
  }

  private readonly release = (): void => {
    const stream = this.held!;
    this.held = undefined;
    stream.uncork();
  };
}
