import { positiveInteger, rejectUnknownOptions } from '../validation/option-checks';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { OutboxStore } from './outbox-store.interface';
import type { TransactionOptions } from './transaction-options.interface';
import { LEASE_TOO_SHORT, NOT_A_BOOLEAN, NOT_AN_OUTBOX_STORE, TRANSACTIONS_NOT_AN_OBJECT } from './transactions.messages';

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
  if (typeof options !== 'object' || options === null) throw new InvalidJobOptionsError(TRANSACTIONS_NOT_AN_OBJECT(options));
  rejectUnknownOptions(options, KNOWN, 'transactions option');
  const relay = options.relay ?? {};
  rejectUnknownOptions(relay, KNOWN_RELAY, 'transactions.relay option');
  const { outbox } = options;
  if (
    outbox !== undefined &&
    (typeof outbox !== 'object' ||
      outbox === null ||
      ['setup', 'write', 'claim', 'remove', 'release', 'count'].some((method) => typeof (outbox as any)[method] !== 'function'))
  ) {
    throw new InvalidJobOptionsError(NOT_AN_OUTBOX_STORE());
  }
  for (const [name, value] of [
    ['enqueueAfterCommit', options.enqueueAfterCommit],
    ['relay.enabled', relay.enabled],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') throw new InvalidJobOptionsError(NOT_A_BOOLEAN(name, value));
  }
  const leaseMs = toMilliseconds(relay.leaseTime ?? 30_000, 'transactions.relay.leaseTime');
  if (leaseMs < 1_000) throw new InvalidJobOptionsError(LEASE_TOO_SHORT(leaseMs));
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
