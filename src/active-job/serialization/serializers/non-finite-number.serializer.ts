import type { ArgumentSerializer } from '../argument-serializer.interface';

/** JSON turns NaN and ±Infinity into null; this keeps them (and -0) exact. */
export const nonFiniteNumberSerializer: ArgumentSerializer<number> = {
  key: 'Number',
  canSerialize: (value): value is number => typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)),
  serialize: (value) => (Object.is(value, -0) ? '-0' : String(value)),
  deserialize: (text: string) => Number(text),
};
