import { EnqueueError } from './enqueue.error';

/** A before- or around-enqueue callback halted enqueueing: the job was not enqueued. */
export class EnqueueAbortedError extends EnqueueError {
  constructor(readonly jobClass: string) {
    super(`${jobClass} was not enqueued: a before- or around-enqueue callback halted it`);
  }
}
