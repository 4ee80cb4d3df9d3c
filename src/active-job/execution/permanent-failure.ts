import { DeserializationError } from '../errors/deserialization.error';
import { UnknownJobClassError } from '../errors/unknown-job-class.error';
import { isReservedJobName } from '../utils/reserved-job-names';

/**
 * Failures a retry cannot mend: the stored payload itself is broken, or it names a class no worker
 * can ever register (a member of Object.prototype).
 */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof DeserializationError || (error instanceof UnknownJobClassError && isReservedJobName(error.jobClass));
}
