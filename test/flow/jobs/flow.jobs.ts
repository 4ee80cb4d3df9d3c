import { ApplicationJob, Job, RetryOn } from '../../../src/active-job';
import { PerformedLog } from '../../jobs/performed-log';

/** One report per account at a time, until it has run. */
@Job({ queue: 'unique', unique: { key: (accountId: number) => `account-${accountId}`, for: '1m' } })
export class AccountReportJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(accountId: number): void {
    this.log.record({ job: 'AccountReportJob', args: [accountId], jobId: this.jobId, executions: this.executions });
  }
}

/** Unique only until it starts; its run waits for `release` so a test can enqueue while it runs. */
@Job({ queue: 'unique', unique: { key: (name: string) => name, for: '1m', until: 'started' } })
export class SyncJob extends ApplicationJob {
  static release?: () => void;

  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(name: string): Promise<void> {
    this.log.record({ job: 'SyncJob:start', args: [name], jobId: this.jobId });
    await new Promise<void>((resolve) => (SyncJob.release = resolve));
  }
}

/** A throttle: one per key per 300 ms window, whatever happens to the job. */
@Job({ queue: 'unique', unique: { key: (name: string) => name, for: '300ms', until: 'enqueued' } })
export class ThrottledJob extends ApplicationJob {
  perform(name: string): void {
    void name;
  }
}

/** At most two per account at once; each run takes 150 ms. */
@Job({ queue: 'limited', limitsConcurrency: { to: 2, key: (account: string) => account, duration: '1m' } })
export class LimitedJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(account: string, label: string): Promise<void> {
    this.log.record({ job: 'LimitedJob:start', args: [account, label, Date.now()], executions: this.executions });
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.log.record({ job: 'LimitedJob:end', args: [account, label, Date.now()] });
  }
}

/** One per key at once; the others are dropped. */
@Job({ queue: 'limited', limitsConcurrency: { key: () => 'only', onConflict: 'discard' } })
export class SingletonJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(label: string): Promise<void> {
    this.log.record({ job: 'SingletonJob', args: [label] });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export class FlakyCrmError extends Error {}

/** Unique until finished; its first run fails and is retried 1 s later by @RetryOn. */
@Job({ queue: 'unique', unique: { key: (accountId: number) => `crm-${accountId}`, for: '1m' } })
@RetryOn(FlakyCrmError, { wait: '1s', attempts: 2 })
export class FlakyCrmJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(accountId: number): void {
    this.log.record({ job: 'FlakyCrmJob', args: [accountId], jobId: this.jobId, executions: this.executions });
    if (this.executions === 1) throw new FlakyCrmError('CRM timed out');
  }
}

/** Unique per report and one at a time per account: a blocked report keeps its lock while it waits. */
@Job({
  queue: 'limited',
  unique: { key: (account: string, report: string) => `${account}/${report}`, for: '1m' },
  limitsConcurrency: { key: (account: string) => account },
})
export class AccountExportJob extends ApplicationJob {
  static release?: () => void;

  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(account: string, report: string): Promise<void> {
    this.log.record({ job: 'AccountExportJob', args: [account, report], jobId: this.jobId });
    if (report === 'slow') await new Promise<void>((resolve) => (AccountExportJob.release = resolve));
  }
}

/** Unique until finished; fails every run, with two attempts: the lock goes after the second. */
@Job({ queue: 'unique', attempts: 2, backoff: '300ms', unique: { key: (name: string) => name, for: '1m' } })
export class DoomedJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(name: string): void {
    this.log.record({ job: 'DoomedJob', args: [name], jobId: this.jobId, executions: this.executions });
    throw new Error(`doomed ${this.executions}`);
  }
}
