import { JOB_NOT_BOUND } from '../active-job.messages';
import { JobNotRegisteredError } from '../errors/job-not-registered.error';
import type { JobQueue } from './job-queue.service';

// ActiveJob's class methods reach a process-wide backend; ours reach the JobQueue of the most
// recently started application that registered the class (tests may run several at once).
const bindings = new Map<Function, JobQueue[]>();

export const JobRuntime = {
  bind(type: Function, queue: JobQueue): void {
    bindings.set(type, [...(bindings.get(type) ?? []).filter((bound) => bound !== queue), queue]);
  },

  unbindAll(queue: JobQueue): void {
    for (const [type, queues] of bindings) {
      const remaining = queues.filter((bound) => bound !== queue);
      if (remaining.length) bindings.set(type, remaining);
      else bindings.delete(type);
    }
  },

  queueFor(type: Function): JobQueue {
    const queues = bindings.get(type);
    if (queues?.length) return queues[queues.length - 1];
    throw new JobNotRegisteredError(JOB_NOT_BOUND(type.name));
  },
};
