import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';

/** Calls a job's `key(...args)` option (unique, limitsConcurrency); a throw or a non-string names the option. */
export function jobKey(jobName: string, option: string, key: (...args: any[]) => unknown, args: readonly unknown[]): string {
  let value: unknown;
  try {
    value = key(...args);
  } catch (error) {
    throw new InvalidJobOptionsError(`@Job() of ${jobName}: ${option}.key threw for these arguments: ${(error as Error)?.message ?? error}`, { cause: error });
  }
  if (typeof value !== 'string' || value === '') {
    throw new InvalidJobOptionsError(`@Job() of ${jobName}: ${option}.key must return a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}
