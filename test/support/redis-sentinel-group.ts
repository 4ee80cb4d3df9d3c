import Redis from 'ioredis';
import { RedisServer } from './redis-server';
import { waitUntil } from './wait-until';

export interface RedisSentinelGroupOptions {
  /** The name the sentinels monitor the master by. Default 'mymaster'. */
  masterName?: string;
  /** Replicas of the master. Default 1. */
  replicas?: number;
  /** Sentinels; a majority must agree before a failover. Default 3, quorum 2. */
  sentinels?: number;
  /** How long the master may be silent before it is deemed down. Default 1000 ms (Redis: 30 s). */
  downAfterMs?: number;
  /** Sentinel's failover-timeout. Default 3000 ms (Redis: 3 min). */
  failoverTimeoutMs?: number;
}

/**
 * A master, its replicas and the sentinels watching them, all of the tests' own on free loopback
 * ports (`redis-server <conf> --sentinel`, no redis-sentinel package needed). Short timeouts make a
 * failover take seconds.
 */
export class RedisSentinelGroup {
  private constructor(
    readonly masterName: string,
    /** Every data node; the first one starts as the master. */
    readonly servers: RedisServer[],
    readonly sentinels: RedisServer[],
  ) {}

  static async start({
    masterName = 'mymaster',
    replicas = 1,
    sentinels = 3,
    downAfterMs = 1_000,
    failoverTimeoutMs = 3_000,
  }: RedisSentinelGroupOptions = {}): Promise<RedisSentinelGroup> {
    const started: RedisServer[] = [];
    try {
      const master = await RedisServer.start({ args: ['--appendonly', 'yes'] });
      started.push(master);
      const replicaServers = await Promise.all(
        Array.from({ length: replicas }, () => RedisServer.start({ args: ['--appendonly', 'yes', '--replicaof', '127.0.0.1', String(master.port)] })),
      );
      started.push(...replicaServers);
      const quorum = Math.floor(sentinels / 2) + 1;
      const config = [
        `sentinel monitor ${masterName} 127.0.0.1 ${master.port} ${quorum}`,
        `sentinel down-after-milliseconds ${masterName} ${downAfterMs}`,
        `sentinel failover-timeout ${masterName} ${failoverTimeoutMs}`,
        `sentinel parallel-syncs ${masterName} 1`,
      ].join('\n');
      const sentinelServers = await Promise.all(Array.from({ length: sentinels }, () => RedisServer.start({ config, sentinel: true })));
      started.push(...sentinelServers);
      const group = new RedisSentinelGroup(masterName, [master, ...replicaServers], sentinelServers);
      await group.waitUntilWatched();
      return group;
    } catch (error) {
      await Promise.all(started.map((server) => server.stop()));
      throw error;
    }
  }

  /** ioredis options for a client that finds the master through the sentinels. */
  get connection(): { sentinels: { host: string; port: number }[]; name: string } {
    return { sentinels: this.sentinels.map((sentinel) => ({ host: '127.0.0.1', port: sentinel.port })), name: this.masterName };
  }

  /** The data node the sentinels name as master now. */
  async master(): Promise<RedisServer> {
    const sentinel = new Redis(this.sentinels[0].port, '127.0.0.1');
    try {
      const [, port] = (await sentinel.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.masterName)) as [string, string];
      const server = this.servers.find((candidate) => candidate.port === Number(port));
      if (!server) throw new Error(`The sentinels name 127.0.0.1:${port} as master, which is not in this group`);
      return server;
    } finally {
      sentinel.disconnect();
    }
  }

  /** Resolves once every sentinel names a master other than `oldMaster` and that node says it is master. */
  async waitForFailover(oldMaster: RedisServer, timeoutMs = 30_000): Promise<RedisServer> {
    const sentinels = this.sentinels.map((sentinel) => new Redis(sentinel.port, '127.0.0.1'));
    try {
      let promoted: RedisServer | undefined;
      await waitUntil(
        async () => {
          const ports = await Promise.all(
            sentinels.map(async (sentinel) => Number(((await sentinel.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.masterName)) as string[])[1])),
          );
          if (ports.some((port) => port === oldMaster.port || port !== ports[0])) return false;
          promoted = this.servers.find((server) => server.port === ports[0]);
          const node = new Redis(ports[0], '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
          node.on('error', () => undefined);
          try {
            return /role:master/.test(await node.info('replication'));
          } finally {
            node.disconnect();
          }
        },
        timeoutMs,
        `the sentinels to promote a replica of ${oldMaster.url}`,
      );
      return promoted!;
    } finally {
      sentinels.forEach((sentinel) => sentinel.disconnect());
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sentinels, ...this.servers].map((server) => server.stop()));
  }

  /**
   * A failover needs each sentinel to know the replicas (from the master's INFO) and the other
   * sentinels (from hello messages, every 2 s): until then a vote could not reach a majority.
   */
  private async waitUntilWatched(): Promise<void> {
    const sentinels = this.sentinels.map((sentinel) => new Redis(sentinel.port, '127.0.0.1'));
    const master = new Redis(this.servers[0].port, '127.0.0.1');
    try {
      await waitUntil(
        async () => {
          const replication = await master.info('replication');
          const online = (replication.match(/^slave\d+:.*state=online/gm) ?? []).length;
          if (online < this.servers.length - 1) return false;
          for (const sentinel of sentinels) {
            const replicas = (await sentinel.call('SENTINEL', 'REPLICAS', this.masterName)) as unknown[];
            const others = (await sentinel.call('SENTINEL', 'SENTINELS', this.masterName)) as unknown[];
            if (replicas.length < this.servers.length - 1 || others.length < this.sentinels.length - 1) return false;
          }
          return true;
        },
        30_000,
        'the sentinels to know the replicas and each other',
      );
    } finally {
      sentinels.forEach((sentinel) => sentinel.disconnect());
      master.disconnect();
    }
  }
}
