import { SERIALIZED_KEY } from '../active-job.constants';
import { DeserializationError } from '../errors/deserialization.error';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { SerializationError } from '../errors/serialization.error';
import type { ArgumentSerializer } from './argument-serializer.interface';
import { BUILT_IN_SERIALIZERS } from './serializers';
import { ARGUMENTS_NOT_AN_ARRAY, ARGUMENT_TOO_DEEP, BAD_SERIALIZER, NO_SERIALIZER_FOR, SERIALIZER_FAILED, SERIALIZER_KEY_TAKEN } from '../active-job.messages';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/**
 * Arrays and objects nested deeper than this are refused both ways: far beyond any real argument,
 * far below the depth where recursion (ours, JSON.stringify's) ends in a RangeError.
 */
export const MAX_ARGUMENT_DEPTH = 100;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A value JSON carries exactly as it is: a string, a boolean, null or a finite number other than -0. */
function isJsonScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    default:
      return value === null;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `__proto__` as an own key must stay data, never become the object's prototype. */
function assignOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Turns job arguments into JSON values and back, exactly: JSON values as they are, other types
 * tagged `{ _aj_serialized: key, value }` by a serializer. What no serializer knows is refused
 * with the path of the offending argument.
 */
export class Arguments {
  private readonly serializers: readonly ArgumentSerializer[];
  private readonly byKey: ReadonlyMap<string, ArgumentSerializer>;

  constructor(custom: readonly ArgumentSerializer[] = []) {
    const customKeys = new Set<string>();
    for (const serializer of custom) {
      if (!serializer?.key || typeof serializer.canSerialize !== 'function' || typeof serializer.deserialize !== 'function') {
        throw new InvalidJobOptionsError(BAD_SERIALIZER());
      }
      if (customKeys.has(serializer.key)) throw new InvalidJobOptionsError(SERIALIZER_KEY_TAKEN(serializer.key));
      customKeys.add(serializer.key);
    }
    // Custom serializers first, so an application can take over a built-in type by its key.
    this.serializers = [...custom, ...BUILT_IN_SERIALIZERS.filter((builtIn) => !customKeys.has(builtIn.key))];
    this.byKey = new Map(this.serializers.map((serializer) => [serializer.key, serializer]));
  }

  serialize(args: readonly unknown[]): unknown[] {
    // Most jobs take ids and short strings: those are copied as they are, without the walk's paths and cycle set.
    if (args.every(isJsonScalar)) return args.slice();
    const ancestors = new Set<object>();
    return args.map((arg, index) => this.serializeValue(arg, `arguments[${index}]`, ancestors, 1));
  }

  deserialize(args: unknown): unknown[] {
    if (!Array.isArray(args)) throw new DeserializationError(ARGUMENTS_NOT_AN_ARRAY());
    if (args.every(isJsonScalar)) return args.slice();
    return args.map((arg, index) => this.deserializeValue(arg, `arguments[${index}]`, 1));
  }

  private serializeValue(value: unknown, path: string, ancestors: Set<object>, depth: number): unknown {
    if (isJsonScalar(value)) return value;
    switch (typeof value) {
      case 'function':
        return this.refuse(path, `a function (${value.name || 'anonymous'}) cannot be a job argument`);
      case 'symbol':
        return this.refuse(path, `a symbol (${String(value)}) cannot be a job argument`);
      case 'object':
        break;
      default: // bigint, undefined, NaN, ±Infinity, -0
        return this.tagged(value, path, ancestors, depth);
    }
    const object = value as object; // null is a JSON scalar, returned above
    if (ancestors.has(object)) return this.refuse(path, 'it refers back to itself (a cycle)');
    if (depth > MAX_ARGUMENT_DEPTH) return this.refuse(path, `it is nested more than ${MAX_ARGUMENT_DEPTH} levels deep`);
    ancestors.add(object);
    try {
      if (Array.isArray(object)) {
        return object.map((item, index) => this.serializeValue(item, childPath(path, index), ancestors, depth + 1));
      }
      if (isPlainObject(object)) return this.serializePlainObject(object as Record<string, unknown>, path, ancestors, depth);
      return this.tagged(object, path, ancestors, depth);
    } finally {
      ancestors.delete(object);
    }
  }

  private serializePlainObject(object: Record<string, unknown>, path: string, ancestors: Set<object>, depth: number): unknown {
    if (Object.getOwnPropertySymbols(object).length > 0) {
      return this.refuse(path, 'symbol keys cannot be carried in JSON');
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      if (key === SERIALIZED_KEY) return this.refuse(path, `"${SERIALIZED_KEY}" is a reserved key`);
      assignOwn(result, key, this.serializeValue(object[key], childPath(path, key), ancestors, depth + 1));
    }
    return result;
  }

  private tagged(value: unknown, path: string, ancestors: Set<object>, depth: number): unknown {
    const serializer = this.serializers.find((candidate) => candidate.canSerialize(value));
    if (!serializer) {
      const kind = (value as object)?.constructor?.name ?? typeof value;
      return this.refuse(path, `${kind} instances need a registered ArgumentSerializer (ActiveJobModule.forRoot({ serializers }))`);
    }
    const data = serializer.serialize(value);
    return { [SERIALIZED_KEY]: serializer.key, value: this.serializeValue(data, `${path}<${serializer.key}>`, ancestors, depth + 1) };
  }

  private refuse(path: string, reason: string): never {
    throw new SerializationError(path, reason);
  }

  private deserializeValue(value: unknown, path: string, depth: number): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (depth > MAX_ARGUMENT_DEPTH) {
      throw new DeserializationError(ARGUMENT_TOO_DEEP(path, MAX_ARGUMENT_DEPTH));
    }
    if (Array.isArray(value)) return value.map((item, index) => this.deserializeValue(item, childPath(path, index), depth + 1));
    const object = value as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(object, SERIALIZED_KEY)) {
      const key = object[SERIALIZED_KEY];
      const serializer = typeof key === 'string' ? this.byKey.get(key) : undefined;
      if (!serializer) {
        throw new DeserializationError(NO_SERIALIZER_FOR(path, JSON.stringify(key)));
      }
      try {
        return serializer.deserialize(this.deserializeValue(object.value, `${path}<${String(key)}>`, depth + 1));
      } catch (error) {
        if (error instanceof DeserializationError) throw error;
        throw new DeserializationError(SERIALIZER_FAILED(path, String(key), (error as Error).message), { cause: error });
      }
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) assignOwn(result, key, this.deserializeValue(object[key], childPath(path, key), depth + 1));
    return result;
  }
}
