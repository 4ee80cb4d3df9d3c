// User-facing messages of transactions and the outbox, as functions, in one place.
import { errorText } from '../utils/error-text';

export const TRANSACTIONS_NOT_AN_OBJECT = (got: unknown) => `ActiveJobModule transactions must be an object, got ${String(got)}`;

export const NOT_AN_OUTBOX_STORE = () => 'transactions.outbox must be an OutboxStore (e.g. new PostgresOutboxStore(pool) or new SqliteOutboxStore(db))';

export const NOT_A_BOOLEAN = (name: string, got: unknown) => `transactions.${name} must be true or false, got ${JSON.stringify(got)}`;

export const LEASE_TOO_SHORT = (leaseMs: number) =>
  `transactions.relay.leaseTime must be at least 1s (a relay must finish a round within it), got ${leaseMs} ms`;

export const BAD_TABLE_NAME = (store: string, table: unknown) => `${store} table must be a plain SQL name (letters, digits, _), got ${JSON.stringify(table)}`;

export const SQLITE_OTHER_HANDLE = (store: string) => `${store} writes through its own connection, but the transaction is on another handle`;

export const SQLITE_NO_TRANSACTION = (store: string) => `${store}: no transaction is open on the connection; the job would not commit with anything`;

export const PG_NO_QUERY = (store: string) => `${store} writes through the transaction's client, which has no query() method`;

export const ENQUEUE_AFTER_COMMIT_NOT_BOOLEAN = (got: unknown) => `@EnqueueAfterCommit() takes true or false, got ${String(got)}`;

export const RELAY_MOVING_AGAIN = (store: string) => `Outbox relay is moving jobs again (${store})`;

export const RELAY_FAILING = (adapter: string, store: string, error: unknown) =>
  `Outbox relay could not move jobs to ${adapter}; they wait in the ${store}: ${errorText(error)}`;

export const HELD_JOB_NOT_ENQUEUED = (jobClass: string, jobId: string, error: unknown) =>
  `Could not enqueue ${jobClass} (Job ID: ${jobId}) after its transaction committed: ${errorText(error)}`;
