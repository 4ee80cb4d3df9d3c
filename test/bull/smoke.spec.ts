import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';

it('smoke: performs a job through Bull and Redis', async () => {
  const app = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } });
  const handle = await RecordJob.performLater('hello', { at: new Date(0) });
  const [entry] = await app.get(PerformedLog).waitFor(1);
  expect(entry.args).toEqual(['hello', { at: new Date(0) }]);
  expect(handle.queueName).toBe('records');
  await app.close();
  await new Promise((r) => setTimeout(r, 200));
  console.log((process as any)._getActiveHandles().map((h: any) => h.constructor.name + ' ' + (h.remotePort ?? '') + (h._idleTimeout ?? '')));
});
