import { CALLBACKS_METADATA } from '../active-job.constants';

export type CallbackKind = 'beforeEnqueue' | 'afterEnqueue' | 'aroundEnqueue' | 'beforePerform' | 'afterPerform' | 'aroundPerform' | 'afterDiscard';

export interface CallbackEntry {
  kind: CallbackKind;
  method: string | symbol;
}

/** A method decorator that registers the method as a callback; methods register in source order. */
export function callbackDecorator(kind: CallbackKind): MethodDecorator {
  return (prototype, method) => {
    const type = prototype.constructor;
    const own: CallbackEntry[] = Reflect.getOwnMetadata(CALLBACKS_METADATA, type) ?? [];
    Reflect.defineMetadata(CALLBACKS_METADATA, [...own, { kind, method }], type);
  };
}

/** Every callback of a class, ancestors' first, each class's in declaration order. */
export function callbackEntriesOf(type: Function): CallbackEntry[] {
  const chain: CallbackEntry[][] = [];
  for (let current = type; current && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.unshift(Reflect.getOwnMetadata(CALLBACKS_METADATA, current) ?? []);
  }
  return chain.flat();
}

/** The callbacks of one kind, ancestors' first, each in declaration order. */
export function callbacksOf(type: Function, kind: CallbackKind): (string | symbol)[] {
  return callbackEntriesOf(type)
    .filter((entry) => entry.kind === kind)
    .map((entry) => entry.method);
}
