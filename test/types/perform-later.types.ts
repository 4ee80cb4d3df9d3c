// Checked by `tsc -p test/types` (part of `npm test`): each @ts-expect-error must be an error, or tsc fails.
import { ApplicationJob, type EnqueuedJob, Job, JobQueue } from '../../src/active-job';

@Job({ queue: 'mailers' })
class WelcomeEmailJob extends ApplicationJob {
  async perform(userId: number): Promise<void> {
    void userId;
  }
}

@Job()
class ReportJob extends ApplicationJob {
  async perform(name: string, options?: { rows: number }): Promise<{ url: string }> {
    return { url: `${name}:${options?.rows ?? 0}` };
  }
}

declare const jobs: JobQueue;

export async function typeChecks(): Promise<void> {
  const handle: EnqueuedJob = await WelcomeEmailJob.performLater(42);
  void handle;
  // @ts-expect-error a string is not a user id
  await WelcomeEmailJob.performLater('42');
  // @ts-expect-error the user id is required
  await WelcomeEmailJob.performLater();
  // @ts-expect-error one argument too many
  await WelcomeEmailJob.performLater(42, 43);

  await WelcomeEmailJob.set({ wait: '10m', priority: 5 }).performLater(42);
  // @ts-expect-error set() keeps the argument types
  await WelcomeEmailJob.set({ wait: '10m' }).performLater('42');
  // @ts-expect-error unknown set() option
  await WelcomeEmailJob.set({ delay: 10 }).performLater(42);

  await WelcomeEmailJob.performAllLater([[1], [2]]);
  // @ts-expect-error every argument list is checked
  await WelcomeEmailJob.performAllLater([[1], ['2']]);

  await ReportJob.performLater('daily');
  await ReportJob.performLater('daily', { rows: 10 });
  // @ts-expect-error optional arguments keep their type
  await ReportJob.performLater('daily', { rows: 'ten' });

  const report: { url: string } = await ReportJob.performNow('daily');
  void report;
  // @ts-expect-error performNow returns what perform resolves to
  const wrong: number = await ReportJob.performNow('daily');
  void wrong;

  await jobs.performLater(WelcomeEmailJob, 42);
  // @ts-expect-error the injectable JobQueue checks arguments too
  await jobs.performLater(WelcomeEmailJob, '42');
  await jobs.set(ReportJob, { queue: 'reports' }).performLater('weekly');
  // @ts-expect-error and through set()
  await jobs.set(ReportJob, { queue: 'reports' }).performLater(7);

  // @ts-expect-error the abstract base class cannot be enqueued
  await ApplicationJob.performLater();
}
