import type { JobInstance } from '../interfaces/job-instance.interface';
import type { Duration } from '../interfaces/duration.type';

export type ErrorClass = abstract new (...args: any[]) => Error;

/** How long to wait before a retry: a duration, an algorithm name, or `(executions, error) => ms`. */
export type RetryWait = Duration | 'polynomiallyLonger' | 'exponentiallyLonger' | ((executions: number, error: Error) => number);

export interface RetryOnOptions<J extends JobInstance = any> {
  /** Default 3 s. */
  wait?: RetryWait;
  /** Runs in all, the first included; or `'unlimited'`. Default 5. */
  attempts?: number | 'unlimited';
  /** Random extra wait, as a fraction of the delay. Default: the class's `retryJitter` (module default 0.15); 0 turns it off. */
  jitter?: number;
  /** Hand each retry's error to the module's `errorReporter` (Rails 8's `report: true`). */
  report?: boolean;
  /** Queue the retry goes to. */
  queue?: string;
  /** Priority of the retry. */
  priority?: number;
  /** Runs instead of failing the job when attempts run out. */
  onExhausted?: (job: J, error: Error) => unknown;
}

export type ExceptionHandler =
  | { kind: 'retry'; errors: ErrorClass[]; key: string; options: RetryOnOptions }
  | { kind: 'discard'; errors: ErrorClass[]; handler?: (job: any, error: Error) => unknown }
  | { kind: 'rescue'; errors: ErrorClass[]; handler: string | ((job: any, error: Error) => unknown) };
