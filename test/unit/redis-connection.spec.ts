import { InvalidJobOptionsError } from '../../src/active-job';
import { resolveOptions } from '../../src/active-job/active-job-options';
import { hashTagOf } from '../../src/active-job/bull/check-connection';
import { describeConnection } from '../../src/active-job/bull/redis-connection';

describe('Redis connection options', () => {
  it('finds the hash tag Redis Cluster hashes a key by', () => {
    expect(hashTagOf('{jobs}')).toBe('jobs');
    expect(hashTagOf('app:{jobs}:x')).toBe('jobs');
    expect(hashTagOf('a}{b}')).toBe('b');
    expect(hashTagOf('{}jobs')).toBeUndefined(); // an empty tag: the whole key is hashed
    expect(hashTagOf('{jobs')).toBeUndefined();
    expect(hashTagOf('jobs')).toBeUndefined();
  });

  it('accepts a cluster connection whose prefix has a hash tag', () => {
    const resolved = resolveOptions({ connection: { cluster: [{ host: '10.0.0.1', port: 6379 }] }, prefix: '{jobs}' }, {});
    expect(resolved).toMatchObject({ adapter: 'bull', prefix: '{jobs}', connection: { cluster: [{ host: '10.0.0.1', port: 6379 }] } });
  });

  it.each([
    [{ connection: { cluster: [7000] } }, `prefix "bull" has no hash tag, but connection is a Redis Cluster`, "Write prefix: '{bull}'"],
    [{ connection: { cluster: [7000] }, prefix: 'app{}' }, 'prefix "app{}" has no hash tag', "Write prefix: '{app}'"],
    [{ connection: { cluster: [] }, prefix: '{jobs}' }, 'connection.cluster must list at least one node of the Redis Cluster', ''],
    [{ connection: { sentinels: [{ host: '10.0.0.1', port: 26379 }] } }, 'connection.sentinels needs connection.name', "name: 'mymaster'"],
    [{ connection: { sentinels: [], name: 'mymaster' } }, 'connection.sentinels must list at least one sentinel', ''],
  ])('refuses %j at startup, saying what to write', (options, problem, fix) => {
    expect(() => resolveOptions(options as any, {})).toThrow(InvalidJobOptionsError);
    expect(() => resolveOptions(options as any, {})).toThrow(problem);
    expect(() => resolveOptions(options as any, {})).toThrow(fix);
  });

  it('leaves connections alone when another adapter does not use them', () => {
    expect(resolveOptions({ adapter: 'test', connection: { cluster: [7000] } }, {}).prefix).toBe('bull');
  });

  it('describes each kind of target without its password', () => {
    expect(describeConnection('redis://user:secret@redis.internal:6380/2')).toBe('redis://redis.internal:6380/2');
    expect(describeConnection({ host: 'redis.internal', password: 'secret' })).toBe('redis://redis.internal:6379');
    expect(describeConnection({ cluster: [{ host: 'a', port: 7000 }, 'b:7001', 7002], clusterOptions: { redisOptions: { password: 'secret' } } })).toBe(
      'Redis Cluster (a:7000, b:7001, 7002)',
    );
    expect(describeConnection({ sentinels: [{ host: 's1', port: 26379 }, { host: 's2' }], name: 'mymaster', password: 'secret' })).toBe(
      'Redis Sentinel master "mymaster" (sentinels s1:26379, s2:26379)',
    );
  });
});
