import type { ArgumentSerializer } from '../argument-serializer.interface';

export const mapSerializer: ArgumentSerializer<Map<unknown, unknown>> = {
  key: 'Map',
  canSerialize: (value): value is Map<unknown, unknown> => value instanceof Map,
  serialize: (map) => [...map.entries()],
  deserialize: (entries: [unknown, unknown][]) => new Map(entries),
};
