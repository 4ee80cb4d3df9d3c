import { ApplicationJob, DiscardOn, Job, RetryOn } from '../../src/active-job';
import { PerformedLog } from './performed-log';

export class NetworkError extends Error {}
export class TimeoutNetworkError extends NetworkError {}

/** Two handlers match a TimeoutNetworkError: the one declared last (lower in the file) wins, as in ActiveJob. */
@DiscardOn(Error)
@RetryOn(NetworkError, { wait: 0, attempts: 2 })
@Job({ queue: 'ordered' })
export class OrderedHandlersJob extends ApplicationJob {
  constructor(protected readonly log: PerformedLog) {
    super();
  }

  perform(kind: 'network' | 'timeout' | 'other'): void {
    this.log.record({ job: this.constructor.name, args: [kind], executions: this.executions });
    if (this.executions > 1) return;
    throw kind === 'network' ? new NetworkError(kind) : kind === 'timeout' ? new TimeoutNetworkError(kind) : new Error(kind);
  }
}

/** A subclass's own handlers come after (so before, in the search) its parent's. */
@DiscardOn(TimeoutNetworkError)
@Job({ queue: 'ordered' })
export class ChildOrderedHandlersJob extends OrderedHandlersJob {}
