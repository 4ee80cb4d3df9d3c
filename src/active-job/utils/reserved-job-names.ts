/**
 * Names a job class cannot have: Bull finds a job's handler by name in a plain object, where these
 * are Object.prototype's own members (`toString`, `constructor`, `__proto__`, ...).
 */
const RESERVED_JOB_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function isReservedJobName(name: string): boolean {
  return RESERVED_JOB_NAMES.has(name);
}
