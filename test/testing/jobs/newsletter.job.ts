import { AfterDiscard, ApplicationJob, BeforePerform, DiscardOn, Job, RetryOn } from '../../../src/active-job';
import { Outbox } from './outbox';
import { SmtpBusyError } from './smtp-busy.error';
import { UnsubscribedError } from './unsubscribed.error';

export type NewsletterOutcome = 'sent' | 'busy-twice' | 'busy-always' | 'unsubscribed';

/** Exercises the execution path's callbacks, retry_on and discard_on. */
@RetryOn(SmtpBusyError, { wait: '5m', attempts: 3, jitter: 0 })
@DiscardOn(UnsubscribedError)
@Job({ queue: 'mailers' })
export class NewsletterJob extends ApplicationJob {
  constructor(private readonly outbox: Outbox) {
    super();
  }

  @BeforePerform()
  logRun(): void {
    this.outbox.deliver({ to: 0, kind: `newsletter run ${this.executions}` });
  }

  @AfterDiscard()
  logDiscard(error: Error): void {
    this.outbox.deliver({ to: 0, kind: `newsletter discarded: ${error.name}` });
  }

  async perform(userId: number, outcome: NewsletterOutcome): Promise<void> {
    if (outcome === 'unsubscribed') throw new UnsubscribedError(`user ${userId} unsubscribed`);
    if (outcome === 'busy-always' || (outcome === 'busy-twice' && this.executions <= 2)) throw new SmtpBusyError('421 try again later');
    this.outbox.deliver({ to: userId, kind: 'newsletter' });
  }
}
