import {
  AfterDiscard,
  ApplicationJob,
  type ArgumentSerializer,
  BeforeEnqueue,
  DeserializationError,
  DiscardOn,
  Job,
  RescueFrom,
  RetryOn,
} from '../../src/active-job';
import { PerformedLog } from './performed-log';

export class FlakyNetworkError extends Error {}
export class CallbackRefusedError extends Error {}
export class SocketTimeoutError extends Error {}
export class ReportedError extends Error {}
export class DroppedError extends Error {}

/** A record looked up again at perform time (Rails' GlobalID): gone since the enqueue, it cannot deserialize. */
export class Account {
  static readonly existing = new Set<number>();
  /** Rows a lagging replica does not show yet. */
  static readonly lagging: number[] = [];
  constructor(readonly id: number) {}
}

export class AccountNotFoundError extends Error {}

export const accountSerializer: ArgumentSerializer<Account> = {
  key: 'Account',
  canSerialize: (value): value is Account => value instanceof Account,
  serialize: (account) => account.id,
  deserialize: (id: number) => {
    if (!Account.existing.has(id)) throw new AccountNotFoundError(`Couldn't find Account with id=${id}`);
    return new Account(id);
  },
};

/** Retries through the enqueue path: its enqueue callback sees each retry's executions and schedule. */
// Its retries wait exactly a minute: the class-wide retryJitter of 0 is read when a retry is scheduled.
@Job({ queue: 'fidelity', retryJitter: 0 })
@RetryOn(FlakyNetworkError, { wait: '1m', attempts: 3 })
export class RetriedThroughEnqueueJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(failures: number): void {
    this.log.record({ job: 'perform', args: [this.executions] });
    if (this.executions <= failures) throw new FlakyNetworkError(`attempt ${this.executions}`);
  }

  @BeforeEnqueue()
  noteEnqueue(): void {
    this.log.record({ job: 'before_enqueue', args: [this.executions, this.scheduledAt?.getTime() ?? null] });
  }
}

/** A retry whose enqueue callback refuses: that error is handled by the job's own @DiscardOn. */
@Job({ queue: 'fidelity' })
@RetryOn(FlakyNetworkError, { wait: 0, attempts: 3, jitter: 0 })
@DiscardOn(CallbackRefusedError)
export class RefusedRetryJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(): void {
    throw new FlakyNetworkError('try again');
  }

  @BeforeEnqueue()
  refuseRetries(): void {
    if (this.executions > 0) throw new CallbackRefusedError('no retries today');
  }

  @AfterDiscard()
  discarded(error: Error): void {
    this.log.record({ job: 'discarded', args: [error.constructor.name] });
  }
}

/** Rails' idiom: a job whose record is gone is dropped. */
@Job({ queue: 'fidelity' })
@DiscardOn(DeserializationError)
export class AccountReportJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(account: Account): void {
    this.log.record({ job: 'performed', args: [account.id] });
  }

  @AfterDiscard()
  discarded(error: DeserializationError): void {
    this.log.record({ job: 'discarded', args: [error.constructor.name, (error.cause as Error).constructor.name] });
  }
}

/** @RescueFrom sees a DeserializationError too, and a retry can be asked for it. */
@Job({ queue: 'fidelity' })
@RescueFrom(DeserializationError, 'accountGone')
export class RescuedAccountJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(account: Account): void {
    this.log.record({ job: 'performed', args: [account.id] });
  }

  accountGone(error: DeserializationError): void {
    this.log.record({ job: 'rescued', args: [(error.cause as Error).message] });
  }
}

/** A replica that lagged behind: the record is there by the time the retry runs. */
@Job({ queue: 'fidelity' })
@RetryOn(DeserializationError, { wait: 0, attempts: 2, jitter: 0 })
export class RetriedAccountJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  @BeforeEnqueue()
  replicaCatchesUp(): void {
    if (this.executions > 0) for (const id of Account.lagging.splice(0)) Account.existing.add(id);
  }

  perform(account: Account): void {
    this.log.record({ job: 'performed', args: [account.id, this.executions] });
  }
}

/** A library wraps the error it caught; the handler declared for the cause still matches. */
@Job({ queue: 'fidelity' })
@DiscardOn(SocketTimeoutError)
export class WrappedErrorJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(): void {
    throw new Error('request failed', { cause: new SocketTimeoutError('socket hang up') });
  }

  @AfterDiscard()
  discarded(error: Error): void {
    this.log.record({ job: 'discarded', args: [error.constructor.name] });
  }
}

/** Rails 8: every after_discard runs, then the first error one raised fails the run. */
@Job({ queue: 'fidelity' })
@DiscardOn(DroppedError)
export class FailingAfterDiscardJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(): void {
    throw new DroppedError('dropped');
  }

  @AfterDiscard()
  first(): void {
    this.log.record({ job: 'after_discard 1', args: [] });
    throw new Error('after_discard 1 failed');
  }

  @AfterDiscard()
  second(): void {
    this.log.record({ job: 'after_discard 2', args: [] });
  }
}

@Job({ queue: 'fidelity' })
@RetryOn(ReportedError, { wait: 0, attempts: 2, jitter: 0, report: true })
@DiscardOn(DroppedError)
export class ReportedJob extends ApplicationJob {
  perform(kind: 'retry' | 'discard' | 'fail'): void {
    if (kind === 'retry') throw new ReportedError('reported on each retry');
    if (kind === 'discard') throw new DroppedError('dropped');
    throw new Error('unhandled');
  }
}

/** Rails' queue_as { ... } and queue_with_priority { ... }: chosen from the arguments at enqueue. */
@Job({ queue: (region: string) => `reports-${region}`, priority: (_region: string, urgent: boolean) => (urgent ? 1 : undefined) })
export class RegionalReportJob extends ApplicationJob {
  perform(region: string, urgent: boolean): void {
    void region;
    void urgent;
  }
}

/** A class that opts out of the module's queue name prefix. */
@Job({ queue: 'shared', queueNamePrefix: null, retryJitter: 0 })
export class UnprefixedJob extends ApplicationJob {
  perform(): void {}
}

/** No queue or priority of its own: the module's defaults. */
@Job()
export class DefaultsJob extends ApplicationJob {
  perform(): string {
    return `${this.queueName}:${this.priority}`;
  }
}
