import type { ArgumentSerializer } from '../argument-serializer.interface';

export const setSerializer: ArgumentSerializer<Set<unknown>> = {
  key: 'Set',
  canSerialize: (value): value is Set<unknown> => value instanceof Set,
  serialize: (set) => [...set],
  deserialize: (values: unknown[]) => new Set(values),
};
