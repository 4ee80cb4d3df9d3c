import { withJobTransaction } from './transaction-scope';

type Wrap = (options: any, fn: (...args: any[]) => Promise<any>, setTx: (client?: any) => void, ...rest: any[]) => Promise<any>;

/**
 * The part of a `@nestjs-cls/transactional` adapter this wrapper touches (no import of the package). No index
 * signature: the package types its options as an interface, which would not be assignable to one.
 */
interface ClsTransactionalAdapter {
  optionsFactory: (...args: any[]) => { wrapWithTransaction: Wrap; wrapWithNestedTransaction?: Wrap };
}

/**
 * Makes the transactions of a `@nestjs-cls/transactional` adapter (TypeORM, Prisma, Knex, Kysely,
 * Drizzle, pg-promise...) visible to jobs: a job enqueued inside `@Transactional()` or
 * `txHost.withTransaction()` waits for the commit, or is written to the outbox through `txHost.tx`.
 * Nested (savepoint) transactions hand their jobs to the outer one.
 *
 * @example
 * ClsModule.forRoot({
 *   plugins: [new ClsPluginTransactional({ adapter: trackJobTransactions(new TransactionalAdapterKnex({ knexInstanceToken: KNEX })) })],
 * })
 * @publicApi
 */
export function trackJobTransactions<A extends ClsTransactionalAdapter>(adapter: A): A {
  return new Proxy(adapter, {
    get(target, key, receiver) {
      if (key !== 'optionsFactory') {
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: unknown[]) => {
        const options = target.optionsFactory(...args);
        const track =
          (wrap: Wrap): Wrap =>
          (txOptions, fn, setTx, ...rest) =>
            // The adapter hands us its transaction client through setTx: that is the handle the outbox writes through.
            withJobTransaction(undefined, (frame) => wrap(txOptions, fn, (client) => ((frame.tx = client), setTx(client)), ...rest));
        return {
          ...options,
          wrapWithTransaction: track(options.wrapWithTransaction),
          ...(options.wrapWithNestedTransaction ? { wrapWithNestedTransaction: track(options.wrapWithNestedTransaction) } : {}),
        };
      };
    },
  });
}
