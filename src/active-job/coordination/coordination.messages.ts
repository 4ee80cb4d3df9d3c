// User-facing messages of flow control's shared parts (job keys, the sweeper, the options every flow concern
// takes), as functions, in one place.
import { errorText } from '../utils/error-text';

export const UNKNOWN_FLOW_OPTION = (at: string, option: string, known: readonly string[]) =>
  `${at}: unknown option "${option}"; known options are ${known.join(', ')}`;

export const KEY_NOT_A_FUNCTION = (at: string) => `${at}.key must be a function of perform's arguments returning a string`;

export const KEY_THREW = (jobName: string, option: string, error: unknown) =>
  `@Job() of ${jobName}: ${option}.key threw for these arguments: ${errorText(error)}`;

export const KEY_NOT_A_STRING = (jobName: string, option: string, value: unknown) =>
  `@Job() of ${jobName}: ${option}.key must return a non-empty string, got ${JSON.stringify(value)}`;

export const CONCURRENCY_SWEEP_FAILED = (error: unknown) => `Concurrency sweep failed: ${errorText(error)}`;

/** `what` is the step that failed, e.g. 'release the unique lock of'. */
export const FLOW_STEP_FAILED = (what: string, jobName: string, error: unknown) => `Could not ${what} ${jobName}: ${errorText(error)}`;
