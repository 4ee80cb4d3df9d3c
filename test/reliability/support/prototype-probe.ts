// Preloaded into the web process by the bad-input scenario (`node -r`): it notes what Object.prototype
// holds before the app starts and, asked over IPC, reports every property added, removed or replaced since.

export interface PrototypeReport {
  changed: string[];
  prototypeOfPrototype: string;
}

/** Takes a snapshot of Object.prototype now; the returned function lists what differs from it later. */
export function watchObjectPrototype(): () => PrototypeReport {
  const target = Object.prototype as unknown as Record<PropertyKey, unknown>;
  const initial = new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!]));
  const same = (a: PropertyDescriptor, b: PropertyDescriptor) =>
    a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable;
  return () => {
    const now = Reflect.ownKeys(target);
    const changed = now.filter((key) => !initial.has(key) || !same(initial.get(key)!, Object.getOwnPropertyDescriptor(target, key)!));
    const removed = [...initial.keys()].filter((key) => !now.includes(key));
    return { changed: [...changed, ...removed].map(String), prototypeOfPrototype: String(Object.getPrototypeOf(Object.prototype)) };
  };
}

if (process.send) {
  const report = watchObjectPrototype();
  process.on('message', (question) => {
    if (question === 'prototype-report') process.send!(report());
  });
}
