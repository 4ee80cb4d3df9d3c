import { Injectable } from '@nestjs/common';

export interface PerformedEntry {
  job: string;
  args: unknown[];
  executions?: number;
  jobId?: string;
}

/** What jobs did, recorded per application so a test can tell which process performed them. */
@Injectable()
export class PerformedLog {
  readonly entries: PerformedEntry[] = [];
  /** When each entry was recorded (Date.now()), by index: a test can compare it with when a job was due. */
  readonly recordedAt: number[] = [];
  private waiters: (() => void)[] = [];

  record(entry: PerformedEntry): void {
    this.entries.push(entry);
    this.recordedAt.push(Date.now());
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `count` entries are in; rejects after `timeoutMs` saying what did arrive. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<PerformedEntry[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.entries.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${count} performed jobs, got ${this.entries.length}: ${JSON.stringify(this.entries)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.entries;
  }
}
