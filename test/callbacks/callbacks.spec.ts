import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { type ActiveJobModuleOptions, EnqueueAbortedError } from '../../src/active-job';
import { CallbackJob, ChildCallbackJob } from '../jobs/callback.job';
import { PerformedLog } from '../jobs/performed-log';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

const ENQUEUE = ['before_enqueue 1 (executions 0, job id set)', 'before_enqueue 2', 'around_enqueue start', 'around_enqueue stop', 'after_enqueue'];
const PERFORM_OK = [
  'before_perform',
  'around_perform 1 start',
  'around_perform 2 start',
  'perform(ok) #1',
  'around_perform 2 stop',
  'around_perform 1 stop',
  'after_perform',
];

/** ActiveJob's callbacks_test.rb, on the inline adapter and on Bull with a worker. */
describe.each<[string, () => ActiveJobModuleOptions]>([
  ['inline', () => ({ adapter: 'inline' })],
  ['bull', () => ({ connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } })],
])('callbacks on the %s adapter', (adapterName, options) => {
  let app: INestApplicationContext;
  let log: PerformedLog;
  const notes = () => log.entries.map((entry) => entry.args[0] as string);
  const settled = (last: string) => waitUntil(() => notes().includes(last), 5_000, `"${last}"`);
  // Bull's view of the queue; inline has none: there, performLater settles once everything has run.
  const bullJobs = () => app.get<Queue>(getQueueToken('callbacks'), { strict: false }).getJobCounts();
  /** Resolves once the job has completed or failed, so every callback it was going to run has run. */
  const finished = async () => {
    if (adapterName !== 'bull') return;
    await waitUntil(
      async () => {
        const { completed, failed } = await bullJobs();
        return completed + failed === 1;
      },
      5_000,
      'the job to finish',
    );
  };

  beforeEach(async () => {
    app = await createJobsApp({ jobs: [CallbackJob, ChildCallbackJob], ...options() });
    log = app.get(PerformedLog);
  });

  afterEach(() => app.close());

  it('runs enqueue and perform callbacks around their step, several of a kind in declaration order', async () => {
    await CallbackJob.performLater('ok');
    await settled('after_perform');
    const all = notes();
    expect(all.filter((note) => ENQUEUE.includes(note))).toEqual(ENQUEUE);
    expect(all.filter((note) => PERFORM_OK.includes(note))).toEqual(PERFORM_OK);
  });

  it('does not enqueue when a before-enqueue callback calls throwAbort(), and tells the caller', async () => {
    await expect(CallbackJob.performLater('halt-enqueue')).rejects.toThrow(new EnqueueAbortedError('CallbackJob'));
    expect(notes()).toEqual(['before_enqueue 1 (executions 0, job id set)']);
    // Nothing was stored, so nothing can run later.
    if (adapterName === 'bull') expect(await bullJobs()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
  });

  it('does not enqueue when an around-enqueue callback does not call next', async () => {
    await expect(CallbackJob.performLater('skip-enqueue')).rejects.toThrow(EnqueueAbortedError);
    expect(notes()).toEqual(['before_enqueue 1 (executions 0, job id set)', 'before_enqueue 2', 'around_enqueue start', 'around_enqueue stop']);
  });

  it('skips perform when a before-perform callback calls throwAbort()', async () => {
    await CallbackJob.performLater('halt-perform');
    await finished();
    expect(notes().filter((note) => !ENQUEUE.includes(note))).toEqual(['before_perform']);
  });

  it('does not halt when a before callback returns false: only throwAbort() halts, as in Rails 5+', async () => {
    await CallbackJob.performLater('false-enqueue');
    await CallbackJob.performLater('false-perform');
    await settled('perform(false-perform) #1');
    expect(notes()).toEqual(expect.arrayContaining(['perform(false-enqueue) #1', 'perform(false-perform) #1']));
  });

  it('skips perform and after callbacks when an around-perform callback does not call next', async () => {
    await CallbackJob.performLater('skip-perform');
    await settled('around_perform 1 stop');
    expect(notes().filter((note) => !ENQUEUE.includes(note))).toEqual(['before_perform', 'around_perform 1 start', 'around_perform 1 stop']);
  });

  it('skips after-perform callbacks when perform fails', async () => {
    const enqueued = CallbackJob.performLater('fail');
    if (adapterName === 'inline') await expect(enqueued).rejects.toThrow('perform failed');
    else await enqueued;
    await finished();
    expect(notes()).toContain('perform(fail) #1');
    expect(notes()).not.toContain('after_perform');
    expect(notes()).not.toContain('around_perform 1 stop');
  });

  it("runs a parent's callbacks before the subclass's own", async () => {
    await ChildCallbackJob.performLater('ok');
    await settled('after_perform');
    expect(notes().filter((note) => note.includes('before_perform'))).toEqual(['before_perform', 'child before_perform']);
  });

  it('runs perform callbacks for performNow too, but no enqueue callbacks', async () => {
    await CallbackJob.performNow('ok');
    expect(notes()).toEqual(PERFORM_OK);
  });
});
