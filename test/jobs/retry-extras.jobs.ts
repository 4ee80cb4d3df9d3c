import { AfterDiscard, ApplicationJob, Job } from '../../src/active-job';
import { PerformedLog } from './performed-log';

/** Fails every run; Bull gives it two attempts. */
@Job({ queue: 'retries', attempts: 2 })
export class AlwaysFailingJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }
  perform(): void {
    this.log.record({ job: 'AlwaysFailingJob', args: [], executions: this.executions });
    throw new Error(`failure ${this.executions}`);
  }
  @AfterDiscard()
  discarded(error: Error): void {
    this.log.record({ job: 'AlwaysFailingJob:afterDiscard', args: [error.message] });
  }
}

/** Asks to be run again later, once, from inside perform. */
@Job({ queue: 'retries' })
export class PostponingJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }
  async perform(): Promise<void> {
    this.log.record({ job: 'PostponingJob', args: [], executions: this.executions });
    if (this.executions === 1) await this.retryJob({ wait: '1h', priority: 3 });
  }
}

/** Ignores its AbortSignal and outlives a 100 ms timeout; two attempts. */
@Job({ queue: 'retries', timeout: 100, attempts: 2 })
export class StubbornJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }
  async perform(): Promise<void> {
    this.log.record({ job: 'StubbornJob:start', args: [], executions: this.executions });
    await new Promise((resolve) => setTimeout(resolve, 400));
    this.log.record({ job: 'StubbornJob:end', args: [this.signal.aborted], executions: this.executions });
  }
}

/** Fails with a 100-line stack. */
@Job({ queue: 'retries' })
export class DeepStackJob extends ApplicationJob {
  perform(): void {
    const error = new Error('deep');
    error.stack = ['Error: deep', ...Array.from({ length: 100 }, (_, line) => `    at frame${line} (deep.ts:${line}:1)`)].join('\n');
    throw error;
  }
}

/** Fails every run, with Bull giving it more attempts than the stacks Redis keeps of a job. */
@Job({ queue: 'retries', attempts: 12 })
export class ManyAttemptsJob extends ApplicationJob {
  perform(): void {
    throw new Error(`failure ${this.executions}`);
  }
}
