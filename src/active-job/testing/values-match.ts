/** A Jest asymmetric matcher (`expect.any(Number)`, `expect.objectContaining({...})`), recognised by shape. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/** An expected value: the value itself, with asymmetric matchers allowed anywhere inside it. */
export type Expected<T> =
  | AsymmetricMatcherLike
  | (T extends Date | Map<unknown, unknown> | Set<unknown> | ((...args: never[]) => unknown) ? T : T extends object ? { [K in keyof T]: Expected<T[K]> } : T);

/** A list of `perform` arguments, each expected value or asymmetric matcher. */
export type ExpectedArguments<A extends readonly unknown[]> = { [K in keyof A]: Expected<A[K]> };

export function isAsymmetricMatcher(value: unknown): value is AsymmetricMatcherLike {
  return typeof value === 'object' && value !== null && typeof (value as AsymmetricMatcherLike).asymmetricMatch === 'function';
}

/**
 * Deep equality of an expected value and a received job argument, as Jest's `toEqual`: asymmetric
 * matchers match by their own rule, Dates by time, Maps and Sets by content, objects by their
 * own enumerable properties (not their class), and a property that is `undefined` counts as absent.
 */
export function valuesMatch(expected: unknown, received: unknown): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(received);
  if (Object.is(expected, received)) return true;
  if (typeof expected !== 'object' || expected === null || typeof received !== 'object' || received === null) return false;
  if (expected instanceof Date || received instanceof Date) {
    return expected instanceof Date && received instanceof Date && Object.is(expected.getTime(), received.getTime());
  }
  if (Array.isArray(expected) || Array.isArray(received)) {
    return (
      Array.isArray(expected) &&
      Array.isArray(received) &&
      expected.length === received.length &&
      expected.every((item, index) => valuesMatch(item, received[index]))
    );
  }
  if (expected instanceof Map || received instanceof Map) {
    return (
      expected instanceof Map &&
      received instanceof Map &&
      expected.size === received.size &&
      [...expected].every(([key, value]) => [...received].some(([otherKey, other]) => valuesMatch(key, otherKey) && valuesMatch(value, other)))
    );
  }
  if (expected instanceof Set || received instanceof Set) {
    return (
      expected instanceof Set &&
      received instanceof Set &&
      expected.size === received.size &&
      [...expected].every((item) => [...received].some((other) => valuesMatch(item, other)))
    );
  }
  const keys = new Set([...definedKeys(expected), ...definedKeys(received)]);
  return [...keys].every((key) => valuesMatch((expected as Record<string, unknown>)[key], (received as Record<string, unknown>)[key]));
}

function definedKeys(value: object): string[] {
  return Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
}
