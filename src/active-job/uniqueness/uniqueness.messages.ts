// User-facing messages of unique jobs (`@Job({ unique })`), as functions, in one place.

export const UNIQUE_NOT_AN_OBJECT = (at: string) => `${at} must be an object such as { key: (id) => String(id), for: '10m' }`;

export const UNIQUE_FOR_REQUIRED = (at: string) => `${at}.for is required: how long the lock may live at most, e.g. '10m'`;

export const UNIQUE_FOR_NOT_POSITIVE = (at: string) => `${at}.for must be longer than 0`;

export const BAD_UNIQUE_UNTIL = (at: string, until: unknown, known: readonly string[]) =>
  `${at}.until must be one of ${known.join(', ')}, got ${JSON.stringify(until)}`;

export const UNIQUE_CLAIM_NOT_CONFIRMED = (jobName: string, holder: string, key: string, timeoutMs: number) =>
  `Could not enqueue ${jobName}: job ${holder} with the same unique key "${key}" was being enqueued and not confirmed within ${timeoutMs} ms`;

export const DUPLICATE_NOT_ENQUEUED = (jobName: string, holder: string, holderProviderId: string, key: string) =>
  `${jobName} not enqueued: job ${holder} (${holderProviderId}) holds its unique key "${key}"`;
