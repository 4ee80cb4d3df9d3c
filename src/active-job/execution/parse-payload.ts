import { STORED_PAYLOAD_VERSION } from '../bull/stored-payload';
import { PAYLOAD_VERSION } from '../active-job.constants';
import { BAD_PAYLOAD_FIELD, PAYLOAD_NOT_AN_OBJECT, PAYLOAD_NOT_JSON, PAYLOAD_VERSION_UNSUPPORTED } from '../active-job.messages';
import { DeserializationError } from '../errors/deserialization.error';
import type { JobPayload } from '../interfaces/job-payload.interface';

const REQUIRED_STRINGS = ['jobClass', 'jobId', 'queueName', 'enqueuedAt'] as const;

/** Checks a stored payload (a JSON string from Bull, or an object from in-process adapters) before anything trusts it. */
export function parsePayload(data: unknown): JobPayload {
  let payload: unknown = data;
  if (typeof data === 'string') {
    try {
      payload = JSON.parse(data);
    } catch (error) {
      throw new DeserializationError(PAYLOAD_NOT_JSON((error as Error).message));
    }
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new DeserializationError(PAYLOAD_NOT_AN_OBJECT(Array.isArray(payload) ? 'an array' : typeof payload));
  }
  const record = payload as Record<string, unknown>;
  if (record.v !== PAYLOAD_VERSION) {
    throw new DeserializationError(PAYLOAD_VERSION_UNSUPPORTED(record.v, [PAYLOAD_VERSION, STORED_PAYLOAD_VERSION]));
  }
  for (const key of REQUIRED_STRINGS) {
    if (typeof record[key] !== 'string' || record[key] === '') {
      throw new DeserializationError(BAD_PAYLOAD_FIELD(key, 'a non-empty string'));
    }
  }
  if (!Array.isArray(record.arguments)) throw new DeserializationError(BAD_PAYLOAD_FIELD('arguments', 'an array'));
  if (!Number.isInteger(record.executions) || (record.executions as number) < 0) {
    throw new DeserializationError(BAD_PAYLOAD_FIELD('executions', 'a whole number'));
  }
  if (record.priority !== null && !Number.isInteger(record.priority)) {
    throw new DeserializationError(BAD_PAYLOAD_FIELD('priority', 'a whole number or null'));
  }
  if (record.scheduledAt !== null && typeof record.scheduledAt !== 'string') {
    throw new DeserializationError(BAD_PAYLOAD_FIELD('scheduledAt', 'a string or null'));
  }
  if (typeof record.exceptionExecutions !== 'object' || record.exceptionExecutions === null) {
    throw new DeserializationError(BAD_PAYLOAD_FIELD('exceptionExecutions', 'an object'));
  }
  return record as unknown as JobPayload;
}
