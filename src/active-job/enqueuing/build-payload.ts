import { PAYLOAD_VERSION } from '../active-job.constants';
import { PayloadTooLargeError } from '../errors/payload-too-large.error';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition } from '../job-registry';
import type { Arguments } from '../serialization/arguments';
import { isoTimeCache } from '../utils/iso-time';
import { newJobId } from '../utils/job-id';

const enqueuedAtIso = isoTimeCache();

export interface EnqueueTarget {
  queueName: string;
  priority: number | null;
  /** Epoch ms the job may run from, or null for at once. */
  runAt: number | null;
}

/** Builds the versioned payload of one job; refuses arguments it cannot carry and payloads over the limit. */
export function buildPayload(
  definition: JobDefinition,
  args: readonly unknown[],
  target: EnqueueTarget,
  serializer: Arguments,
  maxPayloadBytes: number,
): JobPayload {
  const payload: JobPayload = {
    v: PAYLOAD_VERSION,
    jobClass: definition.name,
    jobId: newJobId(),
    queueName: target.queueName,
    priority: target.priority,
    arguments: serializer.serialize(args),
    executions: 0,
    exceptionExecutions: {},
    enqueuedAt: enqueuedAtIso(Date.now()),
    scheduledAt: target.runAt === null ? null : new Date(target.runAt).toISOString(),
  };
  if (payloadBytesAtMost(payload) > maxPayloadBytes) {
    const bytes = payloadBytes(payload);
    if (bytes > maxPayloadBytes) throw new PayloadTooLargeError(definition.name, bytes, maxPayloadBytes);
  }
  return payload;
}

// Not a real id: one drawn while the module loads would leave ids in memory that a startup snapshot could copy.
const UUID_SIZED_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

// The envelope's fields have bounded sizes; only the arguments need serializing to be measured,
// which spares a second JSON.stringify of the whole payload on every enqueue.
const ENVELOPE_BYTES = Buffer.byteLength(
  JSON.stringify({
    v: PAYLOAD_VERSION,
    jobClass: '',
    jobId: UUID_SIZED_PLACEHOLDER,
    queueName: '',
    priority: 2 ** 21,
    arguments: [],
    executions: 0,
    exceptionExecutions: {},
    enqueuedAt: new Date().toISOString(),
    scheduledAt: new Date().toISOString(),
  }),
);

/** The size of the stored payload, exact for the arguments and at most a few bytes over for the envelope. */
function payloadBytes(payload: JobPayload): number {
  return ENVELOPE_BYTES + Buffer.byteLength(payload.jobClass) + Buffer.byteLength(payload.queueName) + Buffer.byteLength(JSON.stringify(payload.arguments)) - 2;
}

/**
 * An upper bound of the stored payload's size, without serializing: most jobs take a few ids or
 * short strings, and measuring them exactly would cost a JSON.stringify of the arguments per enqueue.
 * Infinity for arguments only measuring can size (arrays, objects).
 */
function payloadBytesAtMost(payload: JobPayload): number {
  // A UTF-16 unit takes at most 3 bytes in UTF-8, 6 as a JSON escape (\u001f); a JSON number at most 25 characters.
  let bytes = ENVELOPE_BYTES + 3 * (payload.jobClass.length + payload.queueName.length);
  for (const arg of payload.arguments) {
    if (typeof arg === 'string') bytes += 3 + 6 * arg.length;
    else if (typeof arg === 'number' || typeof arg === 'boolean' || arg === null) bytes += 26;
    else return Infinity;
  }
  return bytes;
}
