import type { ArgumentSerializer } from '../argument-serializer.interface';
import { bigintSerializer } from './bigint.serializer';
import { dateSerializer } from './date.serializer';
import { mapSerializer } from './map.serializer';
import { nonFiniteNumberSerializer } from './non-finite-number.serializer';
import { setSerializer } from './set.serializer';
import { undefinedSerializer } from './undefined.serializer';

export const BUILT_IN_SERIALIZERS: readonly ArgumentSerializer[] = [
  undefinedSerializer,
  nonFiniteNumberSerializer,
  bigintSerializer,
  dateSerializer,
  mapSerializer,
  setSerializer,
];
