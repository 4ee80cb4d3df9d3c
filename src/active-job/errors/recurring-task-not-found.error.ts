import { ActiveJobError } from './active-job.error';

/** `RecurringTasks` was asked about a key no deployment declared. */
export class RecurringTaskNotFoundError extends ActiveJobError {
  constructor(
    readonly key: string,
    readonly known: string[],
  ) {
    super(`No recurring task "${key}"; the declared ones are ${known.length ? known.join(', ') : 'none'}`);
  }
}
