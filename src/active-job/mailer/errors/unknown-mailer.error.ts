import { ActiveJobError } from '../../errors/active-job.error';

/** A delivery names a mailer or mailer method this application does not have. */
export class UnknownMailerError extends ActiveJobError {}
