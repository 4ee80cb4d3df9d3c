import { AfterPerform, AroundPerform, ApplicationJob, BeforePerform, Job } from '../../src/active-job';

/** Rails' callback order with two or more callbacks of each kind, declared interleaved. */
@Job({ queue: 'ordered-callbacks' })
export class OrderedCallbacksJob extends ApplicationJob {
  static readonly trace: string[] = [];
  static nextResults: unknown[] = [];

  perform(value: number): { doubled: number } {
    OrderedCallbacksJob.trace.push('perform');
    return { doubled: value * 2 };
  }

  @BeforePerform()
  before1(): void {
    OrderedCallbacksJob.trace.push('before 1');
  }

  @AroundPerform()
  async around1(next: () => Promise<unknown>): Promise<void> {
    OrderedCallbacksJob.trace.push('around 1 in');
    OrderedCallbacksJob.nextResults.push(await next());
    OrderedCallbacksJob.trace.push('around 1 out');
  }

  @BeforePerform()
  before2(): void {
    OrderedCallbacksJob.trace.push('before 2');
  }

  @AroundPerform()
  async around2(next: () => Promise<unknown>): Promise<void> {
    OrderedCallbacksJob.trace.push('around 2 in');
    OrderedCallbacksJob.nextResults.push(await next());
    OrderedCallbacksJob.trace.push('around 2 out');
  }

  @AfterPerform()
  after1(): void {
    OrderedCallbacksJob.trace.push('after 1');
  }

  @AfterPerform()
  after2(): void {
    OrderedCallbacksJob.trace.push('after 2');
  }
}
