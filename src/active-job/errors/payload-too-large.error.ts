import { ActiveJobError } from './active-job.error';

/** The serialized payload is over `maxPayloadBytes`; the job was not enqueued. */
export class PayloadTooLargeError extends ActiveJobError {
  constructor(
    readonly jobClass: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `${jobClass} payload is ${bytes} bytes, over the limit of ${limit} bytes (maxPayloadBytes). ` +
        'Pass an id and load the record in perform() instead of passing the data.',
    );
  }
}
