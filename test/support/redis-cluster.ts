import { spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './free-port';
import { RedisServer } from './redis-server';
import { waitUntil } from './wait-until';

export interface RedisClusterOptions {
  /** Masters sharing the 16384 slots. Default 3, the fewest `redis-cli --cluster create` accepts. */
  masters?: number;
  /** Replicas per master, each ready to be promoted. Default 1. */
  replicasPerMaster?: number;
  /** `cluster-node-timeout`: how long a silent node takes to be deemed failing. Default 2000 ms. */
  nodeTimeoutMs?: number;
}

/**
 * A Redis Cluster of the tests' own: `redis-server --cluster-enabled yes` nodes on free loopback
 * ports (bus ports too), each in its own temp dir, joined by `redis-cli --cluster create`.
 */
export class RedisCluster {
  private constructor(readonly servers: RedisServer[]) {}

  static async start({ masters = 3, replicasPerMaster = 1, nodeTimeoutMs = 2_000 }: RedisClusterOptions = {}): Promise<RedisCluster> {
    const count = masters * (1 + replicasPerMaster);
    // Server and bus ports chosen together, so no node takes the port another's bus will want.
    const ports = await distinctFreePorts(2 * count);
    const servers: RedisServer[] = [];
    try {
      for (let index = 0; index < count; index++) {
        const busPort = ports[count + index];
        servers.push(
          await RedisServer.start({
            port: ports[index],
            args: [
              '--cluster-enabled',
              'yes',
              '--cluster-config-file',
              'nodes.conf',
              '--cluster-port',
              String(busPort),
              '--cluster-node-timeout',
              String(nodeTimeoutMs),
              '--appendonly',
              'yes',
            ],
          }),
        );
      }
      const cluster = new RedisCluster(servers);
      await redisCli([
        '--cluster',
        'create',
        ...servers.map((server) => `127.0.0.1:${server.port}`),
        '--cluster-replicas',
        String(replicasPerMaster),
        '--cluster-yes',
      ]);
      await cluster.waitUntilHealthy();
      return cluster;
    } catch (error) {
      await Promise.all(servers.map((server) => server.stop()));
      throw error;
    }
  }

  /** Seed nodes for ioredis' `Cluster` (every node; one would do). */
  get nodes(): { host: string; port: number }[] {
    return this.servers.map((server) => ({ host: '127.0.0.1', port: server.port }));
  }

  /** A client of its own for inspecting the cluster; the caller disconnects it. */
  client(): InstanceType<typeof Redis.Cluster> {
    return new Redis.Cluster(this.nodes);
  }

  /** The port of the master that owns `key`'s hash slot, and of its replicas, as every node agrees. */
  async ownersOf(key: string): Promise<{ master: number; replicas: number[] }> {
    const admin = new Redis(this.servers[0].port, '127.0.0.1');
    try {
      const slot = (await admin.call('CLUSTER', 'KEYSLOT', key)) as number;
      const nodes = parseNodes((await admin.call('CLUSTER', 'NODES')) as string);
      const master = nodes.find((node) => node.role === 'master' && node.slots.some(([from, to]) => slot >= from && slot <= to));
      if (!master) throw new Error(`No master owns slot ${slot}`);
      return { master: master.port, replicas: nodes.filter((node) => node.masterId === master.id).map((node) => node.port) };
    } finally {
      admin.disconnect();
    }
  }

  /**
   * A planned failover (`CLUSTER FAILOVER` on a replica): the master stops taking writes, the
   * replica catches up, then takes over its slots. Resolves once every node agrees.
   */
  async failover(replicaPort: number): Promise<void> {
    const replica = new Redis(replicaPort, '127.0.0.1');
    try {
      await replica.call('CLUSTER', 'FAILOVER');
      await waitUntil(async () => /role:master/.test(await replica.info('replication')), 20_000, `replica ${replicaPort} to become master`);
    } finally {
      replica.disconnect();
    }
    await this.waitUntilHealthy((nodes) => nodes.find((node) => node.port === replicaPort)?.role === 'master');
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
  }

  /** Every node reports cluster_state:ok and sees the same masters covering all slots (and `agree` holds). */
  private async waitUntilHealthy(agree: (nodes: ClusterNodeLine[]) => boolean = () => true): Promise<void> {
    const admins = this.servers.map((server) => new Redis(server.port, '127.0.0.1', { lazyConnect: false }));
    try {
      await waitUntil(
        async () => {
          for (const admin of admins) {
            if (!/cluster_state:ok/.test((await admin.call('CLUSTER', 'INFO')) as string)) return false;
            const nodes = parseNodes((await admin.call('CLUSTER', 'NODES')) as string);
            if (nodes.length !== this.servers.length || nodes.some((node) => node.flags.includes('fail')) || !agree(nodes)) return false;
          }
          return true;
        },
        30_000,
        'the Redis Cluster to be healthy on every node',
      );
    } finally {
      admins.forEach((admin) => admin.disconnect());
    }
  }
}

interface ClusterNodeLine {
  id: string;
  port: number;
  role: 'master' | 'replica';
  flags: string[];
  masterId: string | null;
  slots: [number, number][];
}

/** Reads `CLUSTER NODES`: `<id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slot>...`. */
function parseNodes(text: string): ClusterNodeLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, master, , , , , ...slots] = line.split(' ');
      const flagList = flags.split(',');
      return {
        id,
        port: Number(address.split('@')[0].split(':').pop()),
        role: flagList.includes('master') ? 'master' : 'replica',
        flags: flagList,
        masterId: master === '-' ? null : master,
        slots: slots
          .filter((slot) => !slot.startsWith('['))
          .map((slot) => {
            const [from, to] = slot.split('-').map(Number);
            return [from, to ?? from] as [number, number];
          }),
      };
    });
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function redisCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`Cannot run redis-cli (${error.message}); it must be on PATH`)));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`redis-cli ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}
