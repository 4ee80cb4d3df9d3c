// Checked by `tsc -p test/types` (part of `npm test`): each @ts-expect-error must be an error, or tsc fails.
import type { TransactionalAdapter } from '@nestjs-cls/transactional';
import { trackJobTransactions } from '../../src/active-job';

interface Connection {
  begin(): Promise<Connection>;
}

// An adapter typed by the package's own interface, whose options factory returns the package's options interface.
declare const typedAdapter: TransactionalAdapter<Connection, Connection, { isolationLevel?: string }>;
// An adapter class as @nestjs-cls/transactional-adapter-knex and the others write theirs: an inferred options factory.
declare class InferredAdapter {
  connectionToken: string;
  optionsFactory: (connection: Connection) => {
    wrapWithTransaction: (options: object, fn: () => Promise<unknown>, setTx: (client?: Connection) => void) => Promise<unknown>;
    getFallbackInstance: () => Connection;
  };
}

export function typeChecks(): void {
  // The wrapper gives back the adapter's own type, for ClsPluginTransactional and TransactionHost<typeof adapter>.
  const typed: TransactionalAdapter<Connection, Connection, { isolationLevel?: string }> = trackJobTransactions(typedAdapter);
  const inferred: InferredAdapter = trackJobTransactions(new InferredAdapter());
  void typed;
  void inferred;

  // @ts-expect-error not an adapter: no options factory
  trackJobTransactions({ connectionToken: 'DB' });
  // @ts-expect-error an options factory without wrapWithTransaction
  trackJobTransactions({ optionsFactory: () => ({ getFallbackInstance: () => null }) });
}
