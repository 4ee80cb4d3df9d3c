import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/**
 * The source an entry point in the image is compiled from: the demo's build (`npm run build:demo`,
 * nest build with nest-cli's tsConfigPath) writes `<outDir>/x.js` for `<rootDir>/x.ts`.
 */
function sourceOf(built: string): string {
  const nestCli = JSON.parse(read('nest-cli.json'));
  const buildConfig = JSON.parse(read(nestCli.compilerOptions.tsConfigPath));
  const baseConfig = JSON.parse(read(buildConfig.extends));
  const outDir = (buildConfig.compilerOptions?.outDir ?? baseConfig.compilerOptions.outDir).replace(/^\.\//, '');
  const rootDir = (buildConfig.compilerOptions?.rootDir ?? baseConfig.compilerOptions.rootDir).replace(/^\.\//, '');
  const match = new RegExp(`^${outDir}/(.+)\\.js$`).exec(built);
  if (!match) throw new Error(`${built} is not a file under ${outDir}/, where the demo's build writes`);
  return `${rootDir}/${match[1]}.ts`;
}

/** Every variable name demoConfig reads, from its source: the Compose file must set no other. */
function variablesTheDemoReads(): Set<string> {
  const source = read('src/demo/config/demo-config.ts');
  return new Set([...source.matchAll(/\(env, '([A-Z_]+)'/g)].map((match) => match[1]));
}

// No Docker engine runs here: what can be checked without one is, so the guide's files cannot drift
// from the code they package.
describe('the deployment to copy (deploy/, docs/deployment.md)', () => {
  const dockerfile = read('deploy/Dockerfile');
  const composeText = read('deploy/compose.yaml');
  const compose = parse(composeText, { merge: true }); // Compose reads YAML merge keys (`<<: *app`)

  it('shows in the guide exactly the Dockerfile and Compose file of deploy/', () => {
    const guide = read('docs/deployment.md');
    expect(guide).toContain(`\`\`\`dockerfile\n${dockerfile}\`\`\``);
    expect(guide).toContain(`\`\`\`yaml\n${composeText}\`\`\``);
  });

  it('builds from files that exist, with a build script that exists, and starts an entry point built from src/', () => {
    const copies = dockerfile.split('\n').filter((line) => line.startsWith('COPY ') && !line.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const line of copies) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(`${source}: ${existsSync(join(ROOT, source))}`).toBe(`${source}: true`);
    }
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    for (const [, script] of dockerfile.matchAll(/RUN npm run (\S+)/g)) expect(Object.keys(scripts)).toContain(script);
    const cmd = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]) as string[];
    expect(cmd).toEqual(['node', 'build/demo/main.js']);
    expect(dockerfile).toContain('RUN npm run build:demo');
    expect(scripts['build:demo']).toBe('nest build');
    expect(existsSync(join(ROOT, sourceOf(cmd[1])))).toBe(true);
    // The image must not carry the build machine's node_modules or build output.
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist', 'build']));
  });

  it('runs web ×2 and worker ×3 from the one image, on a Redis that never evicts jobs', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['redis', 'web', 'worker']);
    const { web, worker, redis } = compose.services;
    expect(web.deploy.replicas).toBe(2);
    expect(worker.deploy.replicas).toBe(3);
    expect(web.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
    expect(worker.build).toEqual(web.build);
    expect(existsSync(join(ROOT, 'deploy', '..', web.build.dockerfile))).toBe(true);
    for (const [service, entry] of [
      [web, 'src/demo/main.ts'],
      [worker, 'src/demo/worker.ts'],
    ] as const) {
      expect(service.command[0]).toBe('node');
      expect(sourceOf(service.command[1])).toBe(entry);
      expect(existsSync(join(ROOT, entry))).toBe(true);
    }
    const redisArgs = redis.command.join(' ');
    expect(redisArgs).toContain('--maxmemory-policy noeviction');
    expect(redisArgs).toContain('--appendonly yes');
  });

  it('sets only variables the demo reads, and lets a worker drain for longer than SHUTDOWN_TIMEOUT', () => {
    const known = variablesTheDemoReads();
    const { web, worker } = compose.services;
    for (const name of Object.keys(web.environment).filter((name) => name !== 'NODE_ENV')) expect(`${name}: ${known.has(name)}`).toBe(`${name}: true`);
    expect(worker.environment).toEqual(web.environment);
    const seconds = (value: string) => Number(/^(\d+)s$/.exec(value)![1]);
    expect(seconds(worker.stop_grace_period)).toBeGreaterThan(seconds(worker.environment.SHUTDOWN_TIMEOUT));
    expect(web.environment.REDIS_URL).toBe('redis://redis:6379');
  });

  it('probes the web processes on the health endpoint the demo serves', () => {
    const probe = compose.services.web.healthcheck.test.join(' ');
    expect(probe).toContain('http://127.0.0.1:3000/health');
    expect(read('src/demo/health/health.controller.ts')).toContain("@Controller('health')");
  });
});
