import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { KEY_NOT_A_STRING, KEY_THREW } from './coordination.messages';

/** Calls a job's `key(...args)` option (unique, limitsConcurrency); a throw or a non-string names the option. */
export function jobKey(jobName: string, option: string, key: (...args: any[]) => unknown, args: readonly unknown[]): string {
  let value: unknown;
  try {
    value = key(...args);
  } catch (error) {
    throw new InvalidJobOptionsError(KEY_THREW(jobName, option, error), { cause: error });
  }
  if (typeof value !== 'string' || value === '') {
    throw new InvalidJobOptionsError(KEY_NOT_A_STRING(jobName, option, value));
  }
  return value;
}
