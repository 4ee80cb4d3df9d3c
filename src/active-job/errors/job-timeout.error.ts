import { ActiveJobError } from './active-job.error';

/** `perform` ran past the job's `timeout`; its AbortSignal was aborted. */
export class JobTimeoutError extends ActiveJobError {
  constructor(
    readonly jobClass: string,
    readonly timeoutMs: number,
  ) {
    super(`${jobClass} timed out after ${timeoutMs} ms`);
  }
}
