export { trackJobTransactions } from './cls-transactional';
export type { OutboxEntry, OutboxStore } from './outbox-store.interface';
export { OutboxRelayService } from './outbox-relay.service';
export type { OutboxRelay } from './outbox-relay';
export { type PgPool, type PgQueryable, PostgresOutboxStore } from './stores/postgres-outbox.store';
export { type SqliteDatabase, SqliteOutboxStore, type SqliteStatement } from './stores/sqlite-outbox.store';
export type { OutboxRelayOptions, TransactionOptions } from './transaction-options.interface';
export { currentTransaction, type TransactionFrame, withJobTransaction } from './transaction-scope';
