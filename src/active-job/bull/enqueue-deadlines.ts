/** Something that must be answered by `deadline` (a `performance.now()` time). */
export interface Deadline {
  readonly deadline: number;
}

/**
 * The enqueue timeout of every add in flight on one timer (bull#2558: an add must never hang its
 * caller). A timer per add cost as much CPU as our whole enqueue path (docs/performance.md); this
 * one is armed for the earliest deadline, rearmed when it fires, and keeps the process alive only
 * while something is waiting.
 */
export class EnqueueDeadlines<T extends Deadline> {
  private readonly waiting = new Set<T>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly expired: (entry: T) => void) {}

  /** How many entries are waiting for their answer. */
  get size(): number {
    return this.waiting.size;
  }

  track(entry: T): void {
    this.waiting.add(entry);
    if (!this.timer) this.arm(entry.deadline);
    else if (this.waiting.size === 1) this.timer.ref();
  }

  /** Stops watching `entry`; false when its deadline had already passed (its caller has had its error). */
  settle(entry: T): boolean {
    if (!this.waiting.delete(entry)) return false;
    if (this.waiting.size === 0) this.timer?.unref();
    return true;
  }

  private arm(deadline: number): void {
    this.timer = setTimeout(() => this.expire(), Math.max(1, Math.ceil(deadline - performance.now())));
  }

  private expire(): void {
    this.timer = undefined;
    const now = performance.now();
    let next = Infinity;
    for (const entry of this.waiting) {
      if (entry.deadline <= now) {
        this.waiting.delete(entry);
        this.expired(entry);
      } else if (entry.deadline < next) next = entry.deadline;
    }
    if (next !== Infinity) this.arm(next);
  }
}
