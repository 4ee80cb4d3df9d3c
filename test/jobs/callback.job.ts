import { AfterEnqueue, AfterPerform, AroundEnqueue, AroundPerform, ApplicationJob, BeforeEnqueue, BeforePerform, Job, throwAbort } from '../../src/active-job';
import { PerformedLog } from './performed-log';

/** ActiveJob's CallbackJob: writes what ran, in order; its first argument can halt or fail things. */
@Job({ queue: 'callbacks' })
export class CallbackJob extends ApplicationJob {
  constructor(protected readonly log: PerformedLog) {
    super();
  }

  perform(mode: 'ok' | 'halt-enqueue' | 'false-enqueue' | 'skip-enqueue' | 'halt-perform' | 'false-perform' | 'skip-perform' | 'fail'): void {
    this.note(`perform(${mode}) #${this.executions}`);
    if (mode === 'fail') throw new Error('perform failed');
  }

  @BeforeEnqueue()
  beforeEnqueue1(): boolean | void {
    this.note(`before_enqueue 1 (executions ${this.executions}, job id ${this.jobId ? 'set' : 'unset'})`);
    if (this.arguments[0] === 'halt-enqueue') throwAbort();
    if (this.arguments[0] === 'false-enqueue') return false; // not a halt since Rails 5
  }

  @BeforeEnqueue()
  beforeEnqueue2(): void {
    this.note('before_enqueue 2');
  }

  @AroundEnqueue()
  async aroundEnqueue(next: () => Promise<void>): Promise<void> {
    this.note('around_enqueue start');
    if (this.arguments[0] !== 'skip-enqueue') await next();
    this.note('around_enqueue stop');
  }

  @AfterEnqueue()
  afterEnqueue(): void {
    this.note('after_enqueue');
  }

  @BeforePerform()
  beforePerform(): boolean | void {
    this.note('before_perform');
    if (this.arguments[0] === 'halt-perform') throwAbort();
    if (this.arguments[0] === 'false-perform') return false;
  }

  @AroundPerform()
  async aroundPerform1(next: () => Promise<void>): Promise<void> {
    this.note('around_perform 1 start');
    if (this.arguments[0] !== 'skip-perform') await next();
    this.note('around_perform 1 stop');
  }

  @AroundPerform()
  async aroundPerform2(next: () => Promise<void>): Promise<void> {
    this.note('around_perform 2 start');
    await next();
    this.note('around_perform 2 stop');
  }

  @AfterPerform()
  afterPerform(): void {
    this.note('after_perform');
  }

  protected note(text: string): void {
    this.log.record({ job: 'CallbackJob', args: [text] });
  }
}

/** Its own callbacks run after its parent's. */
@Job({ queue: 'callbacks' })
export class ChildCallbackJob extends CallbackJob {
  @BeforePerform()
  childBeforePerform(): void {
    this.note('child before_perform');
  }
}
