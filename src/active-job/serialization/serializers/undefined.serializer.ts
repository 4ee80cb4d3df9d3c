import type { ArgumentSerializer } from '../argument-serializer.interface';

export const undefinedSerializer: ArgumentSerializer<undefined> = {
  key: 'undefined',
  canSerialize: (value): value is undefined => value === undefined,
  serialize: () => null,
  deserialize: () => undefined,
};
