import { Inject, Injectable, Scope } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import { ApplicationJob, Job, type JobExecution } from '../../src/active-job';
import { PerformedLog } from './performed-log';

let transientInstances = 0;

/** Counts its instances: a transient job gets a fresh one per run. */
@Job({ queue: 'scoped' })
@Injectable({ scope: Scope.TRANSIENT })
export class TransientJob extends ApplicationJob {
  private readonly instance = ++transientInstances;

  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(label: string): Promise<void> {
    this.log.record({ job: 'TransientJob', args: [label, this.instance] });
  }
}

/** Request-scoped: REQUEST is the run's JobExecution. */
@Job({ queue: 'scoped' })
@Injectable({ scope: Scope.REQUEST })
export class RequestScopedJob extends ApplicationJob {
  constructor(
    private readonly log: PerformedLog,
    @Inject(REQUEST) private readonly request: JobExecution,
  ) {
    super();
  }

  async perform(label: string): Promise<void> {
    this.log.record({ job: 'RequestScopedJob', args: [label, this.request.jobId === this.jobId] });
  }
}
