import type { ArgumentSerializer } from '../argument-serializer.interface';

export const dateSerializer: ArgumentSerializer<Date> = {
  key: 'Date',
  canSerialize: (value): value is Date => value instanceof Date,
  // An invalid Date has no ISO form; null brings back an invalid Date.
  serialize: (date) => (Number.isNaN(date.getTime()) ? null : date.toISOString()),
  deserialize: (iso: string | null) => new Date(iso ?? Number.NaN),
};
