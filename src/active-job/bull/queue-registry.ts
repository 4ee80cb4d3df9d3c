import { Logger } from '@nestjs/common';
import Bull, { type AdvancedSettings, type Queue } from 'bull';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { DEFAULT_MAX_PAYLOAD_BYTES } from '../active-job.constants';
import type { RedisConnection } from '../interfaces/redis-connection.interface';
import { settlesWithin } from '../utils/timeout';
import { dispatchEveryName } from './dispatch-every-name';
import { guardFetchedJobs } from './guard-fetched-jobs';
import { readUnparsableJobs } from './readable-failed-jobs';
import { describeConnection, openRedis } from './redis-connection';
import { BULL_QUEUE_ERROR } from '../active-job.messages';

export interface QueueRegistryOptions {
  connection?: RedisConnection;
  prefix: string;
  settings?: AdvancedSettings;
  /** Jobs read with more data than this fail unperformed. Default 512 KiB. */
  maxPayloadBytes?: number;
}

const ERROR_LOG_INTERVAL_MS = 10_000;
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Creates each Bull queue once per connection, however many modules name it, and shares one
 * command and one subscriber connection among all queues (Bull's "reusing connections").
 */
export class QueueRegistry {
  private readonly logger = new Logger('ActiveJob');
  private readonly queues = new Map<string, Queue>();
  private readonly connections: (Redis | Cluster)[] = [];
  private shared?: { client: Redis | Cluster; subscriber: Redis | Cluster };
  private lastErrorLoggedAt = 0;
  /** The most recent connection error, so an enqueue that gives up can say why (e.g. WRONGPASS). */
  lastError?: Error;

  constructor(readonly options: QueueRegistryOptions) {}

  get target(): string {
    return describeConnection(this.options.connection);
  }

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Bull(name, {
        prefix: this.options.prefix,
        // A copy per queue: Bull fills in its defaults in place, and drainDelay is set per queue (fitDrainDelay).
        settings: { ...this.options.settings },
        createClient: (type) => this.client(type),
      });
      // Without a listener an 'error' event would crash the process; Redis outages repeat, so log them sparingly.
      queue.on('error', (error) => this.logError(name, error));
      swallowWorkerNameErrors(queue);
      dispatchEveryName(queue);
      guardFetchedJobs(queue, this.options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES, (error) => this.logError(name, error));
      readUnparsableJobs(queue);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The command connection every queue shares, for flow control's scripts. */
  commandClient(): Redis | Cluster {
    return this.client('client');
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    const queues = this.all();
    this.queues.clear();
    await Promise.all(queues.map((queue) => settlesWithin(queue.close(true), CLOSE_TIMEOUT_MS)));
    for (const connection of this.connections.splice(0)) connection.disconnect();
    this.shared = undefined;
  }

  private client(type: 'client' | 'subscriber' | 'bclient'): Redis | Cluster {
    if (type === 'bclient') return this.open({ maxRetriesPerRequest: null, enableReadyCheck: false });
    this.shared ??= {
      client: this.open({}),
      subscriber: this.open({ maxRetriesPerRequest: null, enableReadyCheck: false }),
    };
    return this.shared[type];
  }

  private open(overrides: RedisOptions): Redis | Cluster {
    const connection = openRedis(this.options.connection, overrides);
    connection.setMaxListeners(0); // every queue sharing it adds its own listeners
    // Bull detaches its error listener when a queue closes; ours outlives it, so a late error is never "unhandled".
    connection.on('error', (error: Error) => (this.lastError = error));
    this.connections.push(connection);
    return connection;
  }

  private logError(queueName: string, error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLoggedAt < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLoggedAt = now;
    this.logger.error(BULL_QUEUE_ERROR(queueName, this.target, error));
  }
}

/**
 * Bull's process() fires CLIENT SETNAME without handling its promise, so closing a worker while it
 * is still connecting becomes an unhandled rejection. The name is informational only.
 */
function swallowWorkerNameErrors(queue: Queue): void {
  const named = queue as Queue & { setWorkerName(): Promise<unknown> };
  const setWorkerName = named.setWorkerName.bind(named);
  named.setWorkerName = () => setWorkerName().catch(() => undefined);
}
