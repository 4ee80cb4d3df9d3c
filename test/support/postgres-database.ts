import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';

const SERVER = { host: process.env.TEST_PG_HOST ?? '127.0.0.1', port: Number(process.env.TEST_PG_PORT ?? 5432), user: process.env.TEST_PG_USER ?? 'postgres' };

/** A database of the test's own on the local PostgreSQL (trust auth), dropped at the end. */
export class PostgresDatabase {
  readonly pool: Pool;

  private constructor(readonly name: string) {
    this.pool = new Pool({ ...SERVER, database: name, max: 10 });
    // DROP ... WITH (FORCE) ends connections a client may still hold idle: that is the end of the test, not an error.
    this.pool.on('error', () => undefined);
  }

  static async create(): Promise<PostgresDatabase> {
    const name = `active_job_test_${randomBytes(5).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    return new PostgresDatabase(name);
  }

  get url(): string {
    return `postgres://${SERVER.user}@${SERVER.host}:${SERVER.port}/${this.name}`;
  }

  async drop(): Promise<void> {
    await this.pool.end();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }
}

async function admin(command: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ ...SERVER, database: 'postgres' });
  await client.connect();
  try {
    await command(client);
  } finally {
    await client.end();
  }
}
