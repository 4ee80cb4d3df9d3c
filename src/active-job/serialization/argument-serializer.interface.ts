/**
 * Teaches the argument serializer a type beyond JSON, like ActiveJob's `ObjectSerializer`.
 * What `serialize` returns is serialized again, so it may hold Dates, Maps and other known types.
 *
 * @example
 * const moneySerializer: ArgumentSerializer<Money> = {
 *   key: 'Money',
 *   canSerialize: (value): value is Money => value instanceof Money,
 *   serialize: (money) => ({ cents: money.cents, currency: money.currency }),
 *   deserialize: (data: any) => new Money(data.cents, data.currency),
 * };
 * ActiveJobModule.forRoot({ serializers: [moneySerializer] });
 * @publicApi
 */
export interface ArgumentSerializer<T = any> {
  /** Tag stored under `_aj_serialized`; unique among serializers. */
  readonly key: string;
  canSerialize(value: unknown): value is T;
  serialize(value: T): unknown;
  deserialize(data: any): T;
}
