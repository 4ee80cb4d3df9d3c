import { type ArgumentSerializer, DeserializationError, SerializationError } from '../../src/active-job';
import { Arguments } from '../../src/active-job/serialization/arguments';

class Money {
  constructor(
    readonly cents: number,
    readonly currency: string,
    readonly at: Date,
  ) {}
}

const moneySerializer: ArgumentSerializer<Money> = {
  key: 'Money',
  canSerialize: (value): value is Money => value instanceof Money,
  serialize: (money) => ({ cents: money.cents, currency: money.currency, at: money.at }),
  deserialize: (data) => new Money(data.cents, data.currency, data.at),
};

const roundTrip = (serializer: Arguments, args: unknown[]) => serializer.deserialize(JSON.parse(JSON.stringify(serializer.serialize(args))));

describe('Arguments', () => {
  const serializer = new Arguments();

  it.each([
    ['strings, numbers, booleans and null', ['a', 1, 2.5, true, false, null]],
    ['Date', [new Date('2026-01-02T03:04:05.678Z')]],
    ['BigInt', [123n, -(2n ** 100n)]],
    [
      'Map with non-string keys',
      [
        new Map<unknown, unknown>([
          [1, 'one'],
          [{ k: true }, [2n]],
        ]),
      ],
    ],
    ['Set', [new Set([1, 'a', new Date(0)])]],
    ['undefined at the top level, in arrays and as object values', [undefined, [undefined, 1], { a: undefined }]],
    ['NaN, Infinity and -0', [Number.NaN, Infinity, -Infinity, -0]],
    ['nested arrays and plain objects', [{ a: [{ b: [[{ c: 'd' }]] }] }]],
  ])('round-trips %s exactly', (_, args) => {
    expect(roundTrip(serializer, args)).toStrictEqual(args);
  });

  it('round-trips an invalid Date as an invalid Date', () => {
    const [date] = roundTrip(serializer, [new Date(Number.NaN)]) as Date[];
    expect(date).toBeInstanceOf(Date);
    expect(date.getTime()).toBeNaN();
  });

  it('brings a null-prototype object back as a plain object with the same keys', () => {
    expect(roundTrip(serializer, [Object.assign(Object.create(null), { x: 1 })])).toStrictEqual([{ x: 1 }]);
  });

  it('keeps __proto__ and constructor keys as plain data and never touches Object.prototype', () => {
    const args = JSON.parse('[{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}]');
    const [result] = roundTrip(serializer, args) as any[];
    expect(Object.keys(result)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
  });

  it.each([
    ['a function', [{ user: { createdBy: () => 1 } }], 'arguments[0].user.createdBy', 'a function'],
    ['a symbol', [1, [Symbol('s')]], 'arguments[1][0]', 'a symbol'],
    [
      'a class instance without a serializer',
      [{ price: new Money(1, 'EUR', new Date()) }],
      'arguments[0].price',
      'Money instances need a registered ArgumentSerializer',
    ],
    ['symbol keys', [{ [Symbol('k')]: 1 }], 'arguments[0]', 'symbol keys'],
    ['the reserved key', [{ _aj_serialized: 'Date' }], 'arguments[0]', 'reserved key'],
    ['a key that is not an identifier', [{ 'first name': () => 1 }], 'arguments[0]["first name"]', 'a function'],
  ])('refuses %s, naming its path', (_, args, path, reason) => {
    let error: unknown;
    try {
      serializer.serialize(args);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as SerializationError).path).toBe(path);
    expect((error as Error).message).toContain(reason);
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const shared = { n: 1 };
    expect(roundTrip(serializer, [[shared, shared]])).toEqual([[{ n: 1 }, { n: 1 }]]);
    const cyclic: any = { name: 'loop' };
    cyclic.self = { back: cyclic };
    expect(() => serializer.serialize([cyclic])).toThrow('Cannot serialize arguments[0].self.back: it refers back to itself (a cycle)');
  });

  it('uses a registered custom serializer, whose output may hold other serializable types', () => {
    const withMoney = new Arguments([moneySerializer]);
    const money = new Money(1250, 'EUR', new Date('2026-05-01T00:00:00Z'));
    const [result] = roundTrip(withMoney, [money]) as Money[];
    expect(result).toBeInstanceOf(Money);
    expect(result).toEqual(money);
  });

  it('refuses serializers that share a key or lack methods', () => {
    expect(() => new Arguments([moneySerializer, moneySerializer])).toThrow('Two serializers share the key "Money"');
    expect(() => new Arguments([{ key: 'X' } as any])).toThrow('Each serializer needs a key, canSerialize, serialize and deserialize');
  });

  it('carries arrays and objects nested 100 levels deep, and refuses one level more both ways with a clear error instead of a RangeError', () => {
    const serializer = new Arguments();
    const nest = (levels: number) => {
      let value: unknown = 'core';
      for (let level = 0; level < levels; level++) value = level % 2 ? { inner: value } : [value];
      return value;
    };
    expect(roundTrip(serializer, [nest(99)])).toEqual([nest(99)]);
    expect(() => serializer.serialize([nest(101)])).toThrow(SerializationError);
    expect(() => serializer.serialize([nest(101)])).toThrow(/: it is nested more than 100 levels deep$/);
    let deep: unknown[] = [];
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(() => serializer.serialize([deep])).toThrow(SerializationError);
    const stored = JSON.parse(`[${'['.repeat(200_000)}${']'.repeat(200_000)}]`);
    expect(() => serializer.deserialize(stored)).toThrow(DeserializationError);
    expect(() => serializer.deserialize(stored)).toThrow(/^Cannot deserialize arguments\[0\](\[0\]){100}: it is nested more than 100 levels deep$/);
  });

  it('fails deserialization of an unknown tag with a clear error', () => {
    expect(() => serializer.deserialize([{ _aj_serialized: 'Money', value: {} }])).toThrow(
      new DeserializationError('Cannot deserialize arguments[0]: no serializer for type "Money" is registered on this worker'),
    );
    expect(() => serializer.deserialize('nope')).toThrow(DeserializationError);
  });
});
