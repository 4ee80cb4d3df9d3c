import { NOT_ERROR_CLASSES } from '../active-job.messages';
import { EXCEPTION_HANDLERS_METADATA } from '../active-job.constants';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { ErrorClass, ExceptionHandler } from './exception-handler.interface';

/** Adds a handler to a job class in source order (class decorators run bottom-up, so they prepend). */
export function declareExceptionHandler(target: Function, handler: ExceptionHandler): void {
  const own: ExceptionHandler[] = Reflect.getOwnMetadata(EXCEPTION_HANDLERS_METADATA, target) ?? [];
  Reflect.defineMetadata(EXCEPTION_HANDLERS_METADATA, [handler, ...own], target);
}

/** Every handler of a class and its ancestors, in declaration order: ancestors first. */
export function exceptionHandlersOf(type: Function): ExceptionHandler[] {
  const chain: ExceptionHandler[][] = [];
  for (let current = type; current && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.unshift(Reflect.getOwnMetadata(EXCEPTION_HANDLERS_METADATA, current) ?? []);
  }
  return chain.flat();
}

/**
 * As ActiveSupport's rescue_with_handler: the last declared handler that matches the error wins;
 * with none, its `cause` is tried, and so on down the chain. Returns the handler and the error it matched.
 */
export function findHandler(handlers: readonly ExceptionHandler[], error: unknown): { handler: ExceptionHandler; error: Error } | undefined {
  const visited = new Set<unknown>();
  for (let current = error; current instanceof Error && !visited.has(current); current = current.cause) {
    visited.add(current);
    for (let index = handlers.length - 1; index >= 0; index--) {
      if (handlers[index].errors.some((errorClass) => current instanceof errorClass)) return { handler: handlers[index], error: current };
    }
  }
  return undefined;
}

/** The key of a handler's counter in `exceptionExecutions`, as ActiveJob's `exceptions.to_s`. */
export function handlerKey(errors: readonly ErrorClass[]): string {
  return `[${errors.map((errorClass) => errorClass.name).join(', ')}]`;
}

export function checkErrorClasses(errors: unknown[], decorator: string): ErrorClass[] {
  if (errors.length === 0 || errors.some((candidate) => typeof candidate !== 'function')) {
    throw new InvalidJobOptionsError(NOT_ERROR_CLASSES(decorator));
  }
  return errors as ErrorClass[];
}
