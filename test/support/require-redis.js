// Fails fast, with the fix, when the machine cannot run the tests' own Redis.
const { spawnSync } = require('node:child_process');

const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error(
    '\nThe tests start their own Redis and need `redis-server` on PATH, which was not found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y redis-server`, macOS: `brew install redis`) and run `npm test` again.\n' +
      'No Redis server is started as a service and none already running is used.\n',
  );
  process.exit(1);
}
