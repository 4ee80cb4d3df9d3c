import { ActiveJobError } from '../errors/active-job.error';
/** The job test helpers were pointed at an application whose queue adapter is not the test adapter. */
export class TestAdapterRequiredError extends ActiveJobError {
  constructor(adapterName: string) {
    super(
      `The job test helpers need the test adapter, but this application enqueues to ${adapterName}. ` +
        'Build the test module with withTestAdapter(Test.createTestingModule({ imports: [AppModule] })), ' +
        "or configure ActiveJobModule.forRoot({ adapter: 'test' }) in the test.",
    );
    this.name = 'TestAdapterRequiredError';
  }
}
