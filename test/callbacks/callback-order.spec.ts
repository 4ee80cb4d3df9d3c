import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue } from '../../src/active-job';
import { OrderedCallbacksJob } from '../jobs/ordered-callbacks.job';
import { createJobsApp } from '../support/jobs-app';

// ActiveSupport::Callbacks as ActiveJob uses them: one list of befores and arounds in declaration
// order, afters in reverse declaration order, and `yield` (here `await next()`) returning perform's result.
describe('callback order, as in Rails', () => {
  let app: INestApplicationContext;

  beforeEach(async () => {
    OrderedCallbacksJob.trace.length = 0;
    OrderedCallbacksJob.nextResults = [];
    app = await createJobsApp({ jobs: [OrderedCallbacksJob], adapter: 'test' });
  });

  afterEach(() => app.close());

  it('runs befores and arounds interleaved in declaration order and afters in reverse', async () => {
    await app.get(JobQueue).performNow(OrderedCallbacksJob, 21);
    expect(OrderedCallbacksJob.trace).toEqual([
      'before 1',
      'around 1 in',
      'before 2',
      'around 2 in',
      'perform',
      'around 2 out',
      'around 1 out',
      'after 2',
      'after 1',
    ]);
  });

  it("resolves an around callback's next() to what perform returned, and performNow too", async () => {
    await expect(app.get(JobQueue).performNow(OrderedCallbacksJob, 21)).resolves.toEqual({ doubled: 42 });
    expect(OrderedCallbacksJob.nextResults).toEqual([{ doubled: 42 }, { doubled: 42 }]);
  });
});
