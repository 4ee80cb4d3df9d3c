import { Logger } from '@nestjs/common';
import { ApplicationJob, DiscardOn, Job, Processor, RetryOn } from '../../active-job';
import { PermanentSmtpError, TransientSmtpError } from '../../active-job/mailer';
import { UserMailer } from '../mail/user-mailer';
import { UserNotFoundError } from '../users/errors/user-not-found.error';
import { UsersRepository } from '../users/users.repository';
import { WelcomeInProgressError } from './welcome-in-progress.error';

/**
 * Sends the welcome email of a user who just signed up, once.
 *
 * - First on the mailers queue (priority 1): a new user is waiting for it. Its retries go in at
 *   priority 5, behind fresh signups and resends. A worker sends 5 at once: the `@Processor` of the
 *   mailers queue, so it also governs `deliverLater`'s MailDeliveryJob (the resend) on that queue.
 * - A transient SMTP failure (connection trouble, 4xx reply) is retried, 5 runs in all, waiting
 *   exponentially longer (2 s, 4 s, 8 s, 16 s, plus jitter); then the job fails.
 * - A user who no longer exists (signup rolled back, account deleted) and a permanent refusal
 *   by the mail server discard the job: retrying cannot help.
 * - Idempotent: a run claims the user (a lease) before sending and sets `welcomed_at` after, so a
 *   duplicate enqueue, a re-run or two copies running at the same moment send one email. The claim
 *   names the job and its run (`executions`), a fencing token: the same job run again after its
 *   worker died or lost its lock takes the claim over at once, and the stale run can no longer mark
 *   the user; a duplicate job that finds the claim taken retries once the lease is over, and then
 *   finds the user welcomed (or claims a lease whose holder died).
 * - Any other error fails the job at once, visible on Bull Board, where it can be retried.
 *
 * @example
 * await this.jobs.performLater(WelcomeEmailJob, user.id);
 */
// The claim outlives the job's timeout, so a slow but live sender never loses it to a copy.
const CLAIM_LEASE_MS = 90_000;

@Job({ queue: 'mailers', priority: 1, timeout: '60s' })
// Mail servers cap the connections of one client (often at 5 to 10); a welcome email is a short send.
@Processor('mailers', { concurrency: 5 })
@RetryOn(TransientSmtpError, { wait: 'exponentiallyLonger', attempts: 5, priority: 5 })
@RetryOn(WelcomeInProgressError, { wait: CLAIM_LEASE_MS, attempts: 3, priority: 5 })
@DiscardOn([UserNotFoundError, PermanentSmtpError])
export class WelcomeEmailJob extends ApplicationJob {
  private readonly logger = new Logger(WelcomeEmailJob.name);

  constructor(private readonly users: UsersRepository) {
    super();
  }

  async perform(userId: number): Promise<void> {
    const user = this.users.find(userId);
    if (!user) throw new UserNotFoundError(userId);
    if (user.welcomedAt) {
      this.logger.log(`Skipped ${this.describeRun()}: user ${userId} was welcomed already, at ${user.welcomedAt.toISOString()}`);
      return;
    }
    // The fencing token: this job, this run. A newer run of it (after this one lost its lock) takes over.
    const claim = { job: this.jobId, run: this.executions };
    if (!this.users.claimWelcome(user.id, claim, CLAIM_LEASE_MS)) throw new WelcomeInProgressError(userId);
    try {
      // The timeout (60 s) outlasts nodemailer's own connection and socket timeouts, which fail as transient.
      // The signal also aborts when this run lost its lock: the send stops unless the server already has the message.
      await UserMailer.compose().welcomeEmail(user).deliverNow({ signal: this.signal });
    } catch (error) {
      this.users.releaseWelcome(user.id, claim);
      throw error;
    }
    if (!this.users.markWelcomed(user.id, claim)) {
      this.logger.warn(`${this.describeRun()}: user ${userId} was welcomed or deleted, or a newer run took over, while this one was sending`);
    }
  }

  private describeRun(): string {
    return `WelcomeEmailJob (Job ID: ${this.jobId}, run ${this.executions})`;
  }
}
