import type { Logger } from '@nestjs/common';

/** How long a success line may wait to be written with the ones after it. */
export const LINES_FLUSH_INTERVAL_MS = 10;
/** A burst larger than this is written at once, so pending lines stay a few hundred kilobytes at most. */
export const LINES_MAX_PENDING = 1000;

/**
 * Hands lines to Nest's Logger in order. Success lines (`log`) wait up to LINES_FLUSH_INTERVAL_MS and
 * go out in a batch with stdout corked: written one at a time between jobs, each costs a syscall and
 * wakes the log reader (with stdout on a pipe, batching took 14% off a worker's CPU per job, see
 * docs/performance.md). Lines about a problem (`logNow`, `warn`, `error`) are written at once, after
 * the pending ones: they are the lines needed after a crash, and a line waiting in a buffer dies with
 * a SIGKILL. Pending lines are also written at shutdown and when the process exits.
 */
export class DeferredLines {
  private lines: string[] = [];
  private timer?: NodeJS.Timeout;
  private readonly flushOnExit = () => this.flush();

  constructor(private readonly logger: Logger) {}

  /** A success line: written with the next batch. */
  log(message: string): void {
    if (this.lines.push(message) >= LINES_MAX_PENDING) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), LINES_FLUSH_INTERVAL_MS);
    process.once('exit', this.flushOnExit);
  }

  /** A 'log' line about a problem (a retry, a halted enqueue): written now, after the pending ones. */
  logNow(message: string): void {
    this.flush();
    this.logger.log(message);
  }

  /** Written now, after the pending lines, so it is out before the next job starts. */
  warn(message: string): void {
    this.flush();
    this.logger.warn(message);
  }

  /** Written now, after the pending lines, so it is out before the next job starts. */
  error(message: string, stack?: string): void {
    this.flush();
    this.logger.error(message, stack);
  }

  /** Writes every pending line now (at shutdown, or before reading the log in a test). */
  flush(): void {
    const lines = this.lines;
    this.lines = [];
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      process.removeListener('exit', this.flushOnExit);
    }
    if (lines.length === 0) return;
    const stdout = process.stdout;
    stdout.cork();
    try {
      for (const message of lines) this.logger.log(message);
    } finally {
      stdout.uncork();
    }
  }
}
