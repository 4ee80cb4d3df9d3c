// Run by `npm test` before anything else: the suite needs redis-server (it starts its own) and Chromium
// (browser tests). On Debian/Ubuntu as root, or with password-less sudo, it installs what is missing with
// apt, as .ci/run does; otherwise it stops at once with the command to run. No test is ever skipped for want of them.
const { spawnSync } = require('node:child_process');

const TOOLS = [
  { command: 'redis-server', args: ['--version'], debian: 'redis-server', mac: 'brew install redis', why: 'the tests start their own Redis' },
  {
    command: 'redis-cli',
    args: ['--version'],
    debian: 'redis-tools',
    mac: 'brew install redis',
    why: 'the Redis Cluster tests join their nodes with redis-cli --cluster create',
  },
  {
    command: 'chromium',
    args: ['--version'],
    debian: 'chromium',
    mac: 'install Chromium and put `chromium` on PATH',
    why: 'the browser tests drive headless Chromium',
  },
];

function works({ command, args }) {
  const probe = spawnSync(command, args, { encoding: 'utf8', stdio: 'pipe' });
  return !probe.error && probe.status === 0;
}

function canInstallWithApt() {
  if (!works({ command: 'apt-get', args: ['--version'] })) return null;
  if (process.getuid && process.getuid() === 0) return [];
  return works({ command: 'sudo', args: ['-n', 'true'] }) ? ['sudo', '-n'] : null;
}

const missing = TOOLS.filter((tool) => !works(tool));
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.debian);
  const apt = canInstallWithApt();
  if (apt) {
    console.log(`npm test: installing ${packages.join(', ')} from Debian's packages (${missing.map((tool) => tool.why).join('; ')})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const [sudo, ...sudoArgs] = apt.length ? apt : [null];
    const runApt = (args) =>
      sudo ? spawnSync(sudo, [...sudoArgs, 'apt-get', ...args], { stdio: 'inherit', env }) : spawnSync('apt-get', args, { stdio: 'inherit', env });
    const updated = runApt(['update', '-qq']);
    const installed = updated.status === 0 && runApt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
    if (installed && installed.status === 0 && TOOLS.every(works)) process.exit(0);
    console.error('\nnpm test: installing with apt-get failed; see its output above.');
  }
  console.error(
    `\nnpm test needs ${missing.map((tool) => `\`${tool.command}\` (${tool.why})`).join(' and ')} on PATH; not found.\n` +
      `Install ${missing.length > 1 ? 'them' : 'it'} and run \`npm test\` again:\n` +
      `  Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}\n` +
      missing.map((tool) => `  macOS: ${tool.mac}\n`).join('') +
      'No Redis already running is ever used: the tests start and stop their own.\n',
  );
  process.exit(1);
}
