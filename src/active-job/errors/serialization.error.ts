import { ActiveJobError } from './active-job.error';

/** An argument cannot be carried in a job payload; `path` names it, e.g. `arguments[0].user.createdBy`. */
export class SerializationError extends ActiveJobError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot serialize ${path}: ${reason}`);
  }
}
