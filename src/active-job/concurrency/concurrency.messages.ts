// User-facing messages of concurrency limits (`@Job({ limitsConcurrency })`), as functions, in one place.
import { errorText } from '../utils/error-text';

export const CONCURRENCY_NOT_AN_OBJECT = (at: string) => `${at} must be an object such as { to: 1, key: (id) => String(id) }`;

export const CONCURRENCY_DURATION_NOT_POSITIVE = (at: string) => `${at}.duration must be longer than 0`;

export const BAD_CONCURRENCY_GROUP = (at: string, group: unknown) => `${at}.group must be a non-empty string, got ${JSON.stringify(group)}`;

export const BAD_ON_CONFLICT = (at: string, onConflict: unknown) => `${at}.onConflict must be 'block' or 'discard', got ${JSON.stringify(onConflict)}`;

export const JOB_BLOCKED = (jobName: string, jobId: string, to: number, key: string) =>
  `${jobName} (Job ID: ${jobId}) blocked: ${to} running with concurrency key "${key}"; it runs when one ends`;

export const JOB_DISCARDED_ON_CONFLICT = (jobName: string, jobId: string, to: number, key: string) =>
  `${jobName} (Job ID: ${jobId}) discarded: ${to} running with concurrency key "${key}" (onConflict: 'discard')`;

export const UNBLOCKED_JOB_NOT_ENQUEUED = (error: unknown) => `Could not enqueue an unblocked job again: ${errorText(error)}`;
