import { ActiveJobError } from '../errors/active-job.error';

/**
 * A test helper or matcher was called with arguments it does not take, before `JobTestHelper.from(app)` /
 * `MailTestHelper.from(app)`, or on an application without the test mail transport; the message says which.
 */
export class TestHelperUsageError extends ActiveJobError {}
