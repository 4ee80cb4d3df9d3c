import { AfterDiscard, ApplicationJob, DiscardOn, Job, RescueFrom, RetryOn } from '../../src/active-job';
import { PerformedLog } from './performed-log';

// The error classes of ActiveJob's test/jobs/retry_job.rb, one behaviour each.
export class DefaultsError extends Error {}
export class FirstRetryableErrorOfTwo extends Error {}
export class SecondRetryableErrorOfTwo extends Error {}
export class LongWaitError extends Error {}
export class ShortWaitTenAttemptsError extends Error {}
export class InstantRetryError extends Error {}
export class PolynomialWaitTenAttemptsError extends Error {}
export class ExponentialWaitTenAttemptsError extends Error {}
export class CustomWaitTenAttemptsError extends Error {}
export class RetryWaitIncludedInError extends Error {
  readonly retryAfterMs = 10_000;
}
export class DisabledJitterError extends Error {}
export class CustomCatchError extends Error {}
export class UnlimitedRetryError extends Error {}
export class MovedQueueError extends Error {}
export class DiscardableError extends Error {}
export class FirstDiscardableErrorOfTwo extends Error {}
export class SecondDiscardableErrorOfTwo extends Error {}
export class CustomDiscardableError extends Error {}
export class RescuableError extends Error {}
export class UnhandledError extends Error {}
export class ChildOfDefaultsError extends DefaultsError {}

const ERRORS: Record<string, new (message: string) => Error> = {
  DefaultsError,
  FirstRetryableErrorOfTwo,
  SecondRetryableErrorOfTwo,
  LongWaitError,
  ShortWaitTenAttemptsError,
  InstantRetryError,
  PolynomialWaitTenAttemptsError,
  ExponentialWaitTenAttemptsError,
  CustomWaitTenAttemptsError,
  RetryWaitIncludedInError,
  DisabledJitterError,
  CustomCatchError,
  UnlimitedRetryError,
  MovedQueueError,
  DiscardableError,
  FirstDiscardableErrorOfTwo,
  SecondDiscardableErrorOfTwo,
  CustomDiscardableError,
  RescuableError,
  UnhandledError,
  ChildOfDefaultsError,
};

const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

@RetryOn(DefaultsError)
@RetryOn([FirstRetryableErrorOfTwo, SecondRetryableErrorOfTwo], { attempts: 4, wait: 0 })
@RetryOn(LongWaitError, { wait: '1h', attempts: 10 })
@RetryOn(ShortWaitTenAttemptsError, { wait: 1, attempts: 10 })
@RetryOn(InstantRetryError, { wait: 0, attempts: 3 })
@RetryOn(PolynomialWaitTenAttemptsError, { wait: 'polynomiallyLonger', attempts: 10 })
@RetryOn(ExponentialWaitTenAttemptsError, { wait: 'exponentiallyLonger', attempts: 10 })
@RetryOn(CustomWaitTenAttemptsError, { wait: (executions) => executions * 2000, attempts: 10 })
@RetryOn(RetryWaitIncludedInError, { wait: (executions, error) => (error as RetryWaitIncludedInError).retryAfterMs + executions * 1000 })
@RetryOn(DisabledJitterError, { jitter: 0 })
@RetryOn(CustomCatchError, {
  wait: 0,
  onExhausted: (job: RetryJob, error) =>
    job.note(`Dealt with a job that failed to retry in a custom way after ${job.executions} attempts. Message: ${error.message}`),
})
@RetryOn(UnlimitedRetryError, { attempts: 'unlimited', wait: 0 })
@RetryOn(MovedQueueError, { wait: 0, attempts: 2, queue: 'retries-elsewhere', priority: 7 })
@DiscardOn(DiscardableError)
@DiscardOn([FirstDiscardableErrorOfTwo, SecondDiscardableErrorOfTwo])
@DiscardOn(CustomDiscardableError, (job: RetryJob, error) => job.note(`Dealt with a job that was discarded in a custom way. Message: ${error.message}`))
@RescueFrom(RescuableError, 'rescueIt')
@Job({ queue: 'retries' })
export class RetryJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  /** Raises the listed error(s), one per run, until `attempts` runs (or the list) end; then succeeds. */
  perform(raising: string | string[], attempts: number): void {
    const names = [raising].flat();
    // One error repeats until `attempts`; a list raises each of its errors once, in order.
    const name = names.length === 1 ? names[0] : names[this.executions - 1];
    if (this.executions < attempts && name) {
      this.note(`Raised ${name} for the ${ordinal(this.executions)} time`);
      throw new ERRORS[name](name);
    }
    this.note('Successfully completed job');
  }

  rescueIt(error: Error): void {
    this.note(`Rescued ${error.message} on run ${this.executions}`);
  }

  @AfterDiscard()
  ranAfterDiscard(error: Error): void {
    this.note(`Ran after_discard for job. Message: ${error.message}`);
  }

  note(text: string): void {
    this.log.record({ job: 'RetryJob', args: [text], executions: this.executions, jobId: this.jobId });
  }
}
