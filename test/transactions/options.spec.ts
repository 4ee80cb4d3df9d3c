import { ActiveJobModule, EnqueueAfterCommit, InvalidJobOptionsError } from '../../src/active-job';
import { resolveOptions } from '../../src/active-job/active-job-options';
import { SqliteOutboxStore } from '../../src/active-job';
import Database from 'better-sqlite3';

describe('transactions options', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());

  it('fills the defaults: enqueue after commit, no outbox, a relay every second', () => {
    expect(resolveOptions({ transactions: {} }).transactions).toEqual({
      enqueueAfterCommit: true,
      outbox: null,
      relay: { enabled: true, intervalMs: 1_000, batchSize: 100, leaseMs: 30_000 },
    });
    expect(resolveOptions({}).transactions).toBeUndefined();
  });

  it('names what is wrong', () => {
    const bad = (transactions: unknown) => () => resolveOptions({ transactions } as never);
    expect(bad({ afterCommit: true })).toThrow(
      new InvalidJobOptionsError('Unknown transactions option "afterCommit"; known options are enqueueAfterCommit, outbox, relay'),
    );
    expect(bad({ relay: { every: 1 } })).toThrow('Unknown transactions.relay option "every"');
    expect(bad({ outbox: db })).toThrow('transactions.outbox must be an OutboxStore (e.g. new PostgresOutboxStore(pool) or new SqliteOutboxStore(db))');
    expect(bad({ enqueueAfterCommit: 'yes' })).toThrow('transactions.enqueueAfterCommit must be true or false, got "yes"');
    expect(bad({ relay: { batchSize: 0 } })).toThrow('transactions.relay.batchSize must be a whole number of at least 1, got 0');
    expect(bad({ relay: { leaseTime: '500ms' } })).toThrow('transactions.relay.leaseTime must be at least 1s');
    expect(bad({ relay: { interval: 'soon' } })).toThrow(/transactions.relay.interval must be milliseconds or a string/);
    expect(() => new SqliteOutboxStore(db, { table: 'jobs; DROP TABLE users' })).toThrow('SqliteOutboxStore table must be a plain SQL name');
    expect(() => EnqueueAfterCommit('no' as never)).toThrow('@EnqueueAfterCommit() takes true or false, got no');
    expect(ActiveJobModule.forRoot({ transactions: { outbox: new SqliteOutboxStore(db) } })).toBeDefined();
  });

  it('refuses to write outside a transaction, or through another connection', async () => {
    const store = new SqliteOutboxStore(db);
    await store.setup();
    const entry = { id: 'x', job: {} as never };
    expect(() => store.write(db, [entry])).toThrow(/no transaction is open on the connection/);
    expect(() => store.write({}, [entry])).toThrow(/writes through its own connection, but the transaction is on another handle/);
  });
});
