import { positiveInteger } from '../validation/option-checks';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { OutboxStore } from './outbox-store.interface';
import type { TransactionOptions } from './transaction-options.interface';

export interface ResolvedTransactionOptions {
  enqueueAfterCommit: boolean;
  outbox: OutboxStore | null;
  relay: { enabled: boolean; intervalMs: number; batchSize: number; leaseMs: number };
}

const KNOWN = ['enqueueAfterCommit', 'outbox', 'relay'];
const KNOWN_RELAY = ['enabled', 'interval', 'batchSize', 'leaseTime'];

/** Checks `transactions` once at startup; `undefined` when the module has none. */
export function resolveTransactionOptions(options: TransactionOptions | undefined): ResolvedTransactionOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) throw new InvalidJobOptionsError(`ActiveJobModule transactions must be an object, got ${String(options)}`);
  rejectUnknown(options, KNOWN, 'transactions option');
  const relay = options.relay ?? {};
  rejectUnknown(relay, KNOWN_RELAY, 'transactions.relay option');
  const { outbox } = options;
  if (outbox !== undefined && (typeof outbox !== 'object' || outbox === null || ['setup', 'write', 'claim', 'remove', 'release', 'count'].some((method) => typeof (outbox as any)[method] !== 'function'))) {
    throw new InvalidJobOptionsError('transactions.outbox must be an OutboxStore (e.g. new PostgresOutboxStore(pool) or new SqliteOutboxStore(db))');
  }
  for (const [name, value] of [['enqueueAfterCommit', options.enqueueAfterCommit], ['relay.enabled', relay.enabled]] as const) {
    if (value !== undefined && typeof value !== 'boolean') throw new InvalidJobOptionsError(`transactions.${name} must be true or false, got ${JSON.stringify(value)}`);
  }
  const leaseMs = toMilliseconds(relay.leaseTime ?? 30_000, 'transactions.relay.leaseTime');
  if (leaseMs < 1_000) throw new InvalidJobOptionsError(`transactions.relay.leaseTime must be at least 1s (a relay must finish a round within it), got ${leaseMs} ms`);
  return {
    enqueueAfterCommit: options.enqueueAfterCommit ?? true,
    outbox: outbox ?? null,
    relay: {
      enabled: relay.enabled ?? true,
      intervalMs: Math.max(1, toMilliseconds(relay.interval ?? 1_000, 'transactions.relay.interval')),
      batchSize: positiveInteger(relay.batchSize ?? 100, 'transactions.relay.batchSize'),
      leaseMs,
    },
  };
}

function rejectUnknown(object: object, known: string[], what: string): void {
  const unknown = Object.keys(object).find((key) => !known.includes(key));
  if (unknown) throw new InvalidJobOptionsError(`Unknown ${what} "${unknown}"; known options are ${known.join(', ')}`);
}
