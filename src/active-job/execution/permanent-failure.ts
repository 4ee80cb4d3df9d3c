import { DeserializationError } from '../errors/deserialization.error';

/** Failures a retry cannot mend: the stored payload itself is broken. */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof DeserializationError;
}
