import { QUEUE_ADAPTER } from '../active-job.constants';
import { TestAdapter } from '../adapters/test.adapter';

/** What `withTestAdapter` needs of Nest's `TestingModuleBuilder` (kept structural: no import of @nestjs/testing). */
export interface ProviderOverridingBuilder<B> {
  overrideProvider(token: typeof QUEUE_ADAPTER): { useValue(value: unknown): B };
}

/**
 * Swaps the queue adapter of an application under test for the test adapter, whatever
 * `ActiveJobModule.forRoot()` / `forRootAsync()` configures (`bull` with a Redis URL, say): jobs are
 * recorded, no connection is opened, no worker consumes. The swap is Nest's own
 * `overrideProvider(QUEUE_ADAPTER)`, which replaces the adapter factory before it ever runs.
 *
 * @example
 * const moduleRef = await withTestAdapter(Test.createTestingModule({ imports: [AppModule] })).compile();
 * const app = await moduleRef.createNestApplication().init();
 * const jobs = JobTestHelper.from(app);
 * @publicApi
 */
export function withTestAdapter<B extends ProviderOverridingBuilder<B>>(builder: B, adapter: TestAdapter = new TestAdapter()): B {
  return builder.overrideProvider(QUEUE_ADAPTER).useValue(adapter);
}
