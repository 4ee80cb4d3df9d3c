import type { Logger } from '@nestjs/common';

type Line = { level: 'log' | 'warn' | 'error'; message: string; stack?: string };

/**
 * Hands lines to Nest's Logger after the current turn of the event loop, in order. A console line
 * costs several microseconds; written a moment later, that cost overlaps the wait for Redis instead
 * of delaying the caller's enqueue or the worker's next job. Messages are built at once, so they show
 * values as they were when the event happened.
 */
export class DeferredLines {
  private lines: Line[] = [];
  private scheduled = false;

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
    this.scheduled = false;
    for (const { level, message, stack } of lines) {
      if (level === 'error') this.logger.error(message, stack);
      else this.logger[level](message);
    }
  }

  private push(line: Line): void {
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
