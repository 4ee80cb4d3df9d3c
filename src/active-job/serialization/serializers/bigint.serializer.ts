import type { ArgumentSerializer } from '../argument-serializer.interface';

export const bigintSerializer: ArgumentSerializer<bigint> = {
  key: 'BigInt',
  canSerialize: (value): value is bigint => typeof value === 'bigint',
  serialize: (value) => value.toString(),
  deserialize: (digits: string) => BigInt(digits),
};
