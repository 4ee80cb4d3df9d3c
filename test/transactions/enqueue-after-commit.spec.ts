import { Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClsPluginTransactional, TransactionHost } from '@nestjs-cls/transactional';
import type { Queue } from 'bull';
import { ClsModule } from 'nestjs-cls';
import type { Pool, PoolClient } from 'pg';
import { ActiveJobModule, currentTransaction, QUEUE_ADAPTER, trackJobTransactions, withJobTransaction } from '../../src/active-job';
import { type BullAdapter } from '../../src/active-job/adapters/bull.adapter';
import { PostgresDatabase } from '../support/postgres-database';
import { testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { AuditJob, SignupJob } from './support/recorded.jobs';

const PG_POOL = 'PG_POOL';

/** A minimal @nestjs-cls/transactional adapter for node-postgres: BEGIN/COMMIT on a pool client, savepoints for nested ones. */
class PgTransactionalAdapter {
  connectionToken = PG_POOL;
  optionsFactory = (pool: Pool) => ({
    wrapWithTransaction: async (_options: unknown, fn: () => Promise<unknown>, setTx: (client?: PoolClient) => void) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        setTx(client);
        const result = await fn();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    wrapWithNestedTransaction: async (_options: unknown, fn: () => Promise<unknown>, setTx: (client?: PoolClient) => void, client: PoolClient) => {
      await client.query('SAVEPOINT nested');
      setTx(client);
      try {
        const result = await fn();
        await client.query('RELEASE SAVEPOINT nested');
        return result;
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT nested');
        throw error;
      }
    },
    getFallbackInstance: () => pool,
  });
}

@Injectable()
class SignupService {
  constructor(private readonly txHost: TransactionHost<PgTransactionalAdapter>) {}

  /** The user row and its job, in one transaction; `fail` rolls it back after the enqueue. */
  signUp(email: string, fail = false): Promise<number> {
    return this.txHost.withTransaction(async () => {
      const { rows } = await (this.txHost.tx as PoolClient).query('INSERT INTO users (email) VALUES ($1) RETURNING id', [email]);
      await SignupJob.performLater(rows[0].id);
      if (fail) throw new Error('rolled back on purpose');
      return rows[0].id as number;
    });
  }
}

describe('enqueue after commit (held in memory, no outbox)', () => {
  let database: PostgresDatabase;
  let app: INestApplicationContext;
  let queue: Queue;
  const names = async () => (await queue.getJobs(['waiting', 'delayed'])).map((job) => `${job.name}(${job.data.args})`).sort();

  beforeEach(async () => {
    database = await PostgresDatabase.create();
    await database.pool.query('CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE)');
    @Module({ providers: [{ provide: PG_POOL, useValue: database.pool }], exports: [PG_POOL] })
    class PgModule {}
    @Module({
      imports: [
        ClsModule.forRoot({
          plugins: [new ClsPluginTransactional({ imports: [PgModule], adapter: trackJobTransactions(new PgTransactionalAdapter()) })],
        }),
        ActiveJobModule.forRoot({ connection: testRedisUrl(), prefix: uniquePrefix(), transactions: {} }),
        ActiveJobModule.forFeature([SignupJob, AuditJob]),
      ],
      providers: [SignupService],
    })
    class AppModule {}
    app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
    queue = app.get<BullAdapter>(QUEUE_ADAPTER).registry.get('signups');
  });
  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  it('enqueues a job from a @nestjs-cls/transactional transaction once it commits, exactly once', async () => {
    const id = await app.get(SignupService).signUp('ada@example.com');
    await waitUntil(async () => (await names()).length > 0, 5_000, 'the job enqueued after commit');
    expect(await names()).toEqual([`SignupJob(${id})`]);
  });

  it('holds the job until the commit: a worker never sees a job whose row it cannot read yet', async () => {
    const service = app.get(SignupService);
    const txHost = app.get(TransactionHost);
    let seenInside: string[] = ['not checked'];
    await txHost.withTransaction(async () => {
      await service.signUp('grace@example.com');
      seenInside = await names();
    });
    expect(seenInside).toEqual([]);
    await waitUntil(async () => (await names()).length === 1, 5_000, 'the job after the outer commit');
  });

  it('drops the job when the transaction rolls back', async () => {
    await expect(app.get(SignupService).signUp('ada@example.com', true)).rejects.toThrow('rolled back on purpose');
    await app.get(SignupService).signUp('grace@example.com'); // a later commit flushes nothing from the rolled-back one
    await waitUntil(async () => (await names()).length > 0, 5_000, 'the committed job');
    expect(await names()).toEqual(['SignupJob(2)']);
  });

  it('drops the jobs of a nested transaction rolled back to its savepoint, and keeps the outer ones', async () => {
    const txHost = app.get(TransactionHost);
    await txHost.withTransaction(async () => {
      await SignupJob.performLater(1);
      const { Propagation } = await import('@nestjs-cls/transactional');
      await txHost
        .withTransaction(Propagation.Nested, async () => {
          await SignupJob.performLater(2);
          throw new Error('inner rolled back');
        })
        .catch(() => undefined);
    });
    await waitUntil(async () => (await names()).length > 0, 5_000, 'the outer job');
    expect(await names()).toEqual(['SignupJob(1)']);
  });

  it('enqueues at once outside a transaction, and for a class marked @EnqueueAfterCommit(false)', async () => {
    await SignupJob.performLater(9);
    expect(await names()).toEqual(['SignupJob(9)']);
    const client = await database.pool.connect();
    try {
      await withJobTransaction(client, async () => {
        expect(currentTransaction()?.tx).toBe(client);
        await AuditJob.performLater('sent even though the transaction fails');
        expect(await names()).toEqual(['AuditJob(sent even though the transaction fails)', 'SignupJob(9)']);
        throw new Error('rolled back');
      }).catch(() => undefined);
    } finally {
      client.release();
    }
    expect(currentTransaction()).toBeUndefined();
  });
});
