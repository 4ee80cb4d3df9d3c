import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';

/**
 * The class of a discovered provider: factory and value providers carry it on their instance, not on the
 * wrapper (nestjs/bull's rule), so `useFactory` and `useValue` jobs and mailers are found too.
 */
export function providerClass(wrapper: InstanceWrapper): Function | undefined {
  const type: unknown = !wrapper.metatype || wrapper.inject ? (wrapper.instance as object | undefined)?.constructor : wrapper.metatype;
  return typeof type === 'function' ? type : undefined;
}
