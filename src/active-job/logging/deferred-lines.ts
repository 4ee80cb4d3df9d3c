import type { Logger } from '@nestjs/common';

type Line = { level: 'log' | 'warn' | 'error'; message: string; stack?: string };

/** How long a line may wait to be written with the ones after it. */
export const LINES_FLUSH_INTERVAL_MS = 10;
/** A burst larger than this is written at once, so pending lines stay a few hundred kilobytes at most. */
export const LINES_MAX_PENDING = 1000;

/**
 * Hands lines to Nest's Logger in batches, in order, at most LINES_FLUSH_INTERVAL_MS after they were
 * logged. A line written alone, between two jobs, costs a syscall and formatting code gone cold by
 * then; in a batch the code stays warm and the batch's stdout writes leave together (stdout is
 * corked while it is written). Messages are built at once, so they show values as they were when
 * the event happened. Pending lines are written at shutdown and when the process exits.
 */
export class DeferredLines {
  private lines: Line[] = [];
  private timer?: NodeJS.Timeout;
  private readonly flushOnExit = () => this.flush();

  constructor(private readonly logger: Logger) {}

  log(message: string): void {
    this.push({ level: 'log', message });
  }

  warn(message: string): void {
    this.push({ level: 'warn', message });
  }

  error(message: string, stack?: string): void {
    this.push({ level: 'error', message, stack });
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
      for (const { level, message, stack } of lines) {
        if (level !== 'error') {
          this.logger[level](message);
          continue;
        }
        // Errors go to stderr: what stdout holds is written first, so the two streams keep their order.
        stdout.uncork();
        this.logger.error(message, stack);
        stdout.cork();
      }
    } finally {
      stdout.uncork();
    }
  }

  private push(line: Line): void {
    if (this.lines.push(line) >= LINES_MAX_PENDING) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), LINES_FLUSH_INTERVAL_MS);
    process.once('exit', this.flushOnExit);
  }
}
