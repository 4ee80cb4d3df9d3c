import type { LoggerService } from '@nestjs/common';

export interface CapturedLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  message: string;
  context?: string;
}

/** A Nest logger that keeps lines for assertions instead of printing them. */
export class CaptureLogger implements LoggerService {
  readonly lines: CapturedLine[] = [];

  log(message: unknown, context?: string): void {
    this.push('log', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.push('error', message, rest[rest.length - 1] as string);
  }
  warn(message: unknown, context?: string): void {
    this.push('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.push('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.push('verbose', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.push('fatal', message, context);
  }

  /** Messages logged under a context, e.g. 'ActiveJob'. */
  messages(context: string): string[] {
    return this.lines.filter((line) => line.context === context).map((line) => line.message);
  }

  private push(level: CapturedLine['level'], message: unknown, context?: string): void {
    this.lines.push({ level, message: String(message), context });
  }
}
