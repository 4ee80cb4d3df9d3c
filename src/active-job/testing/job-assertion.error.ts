import { ActiveJobError } from '../errors/active-job.error';
/** An expectation about enqueued or performed jobs did not hold; the message lists what happened instead. */
export class JobAssertionError extends ActiveJobError {
  constructor(message: string) {
    super(message);
    this.name = 'JobAssertionError';
  }
}
