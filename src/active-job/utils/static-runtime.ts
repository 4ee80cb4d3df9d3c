/**
 * What a class's static methods reach (ActiveJob's class methods reach a process-wide backend): the target bound
 * by the most recently started application that found the class, since tests may run several at once. One owner
 * per application binds at discovery and unbinds at shutdown: the jobs explorer, the mailers explorer.
 */
export class StaticRuntime<T> {
  private readonly bindings = new Map<Function, T[]>();

  /** `notBound` makes the error for a class no running application bound. */
  constructor(private readonly notBound: (type: Function) => Error) {}

  bind(type: Function, target: T): void {
    this.bindings.set(type, [...(this.bindings.get(type) ?? []).filter((bound) => bound !== target), target]);
  }

  unbindAll(target: T): void {
    for (const [type, targets] of this.bindings) {
      const remaining = targets.filter((bound) => bound !== target);
      if (remaining.length) this.bindings.set(type, remaining);
      else this.bindings.delete(type);
    }
  }

  for(type: Function): T {
    const targets = this.bindings.get(type);
    if (targets?.length) return targets[targets.length - 1];
    throw this.notBound(type);
  }
}
