import diagnosticsChannel from 'node:diagnostics_channel';
import type { EnqueueAllEvent, JobEvent } from './job-event.interface';

/**
 * ActiveJob's notifications on `node:diagnostics_channel`; subscribe with
 * `diagnostics_channel.subscribe('active_job.perform', (event) => ...)`.
 * Every message carries the job, its duration where it has one, and any error.
 */
export const JOB_CHANNEL_NAMES = {
  enqueue: 'active_job.enqueue',
  enqueueAt: 'active_job.enqueue_at',
  enqueueAll: 'active_job.enqueue_all',
  performStart: 'active_job.perform_start',
  perform: 'active_job.perform',
  enqueueRetry: 'active_job.enqueue_retry',
  retryStopped: 'active_job.retry_stopped',
  discard: 'active_job.discard',
} as const;

export type JobChannelKey = keyof typeof JOB_CHANNEL_NAMES;

const channels = Object.fromEntries(Object.entries(JOB_CHANNEL_NAMES).map(([key, name]) => [key, diagnosticsChannel.channel(name)])) as Record<
  JobChannelKey,
  diagnosticsChannel.Channel
>;

/** Publishes an event, building it only when someone listens. */
export function publish(key: Exclude<JobChannelKey, 'enqueueAll'>, build: () => JobEvent): void;
export function publish(key: 'enqueueAll', build: () => EnqueueAllEvent): void;
export function publish(key: JobChannelKey, build: () => JobEvent | EnqueueAllEvent): void {
  const channel = channels[key];
  if (channel.hasSubscribers) channel.publish(build());
}

/** Whether anyone listens on a channel: the perform hot path asks before building an event, without a closure per job. */
export function listened(key: JobChannelKey): boolean {
  return channels[key].hasSubscribers;
}

/** Publishes an event already built, after `listened`. */
export function emit(key: Exclude<JobChannelKey, 'enqueueAll'>, event: JobEvent): void {
  channels[key].publish(event);
}

export function subscribe(key: JobChannelKey, listener: (message: any) => void): () => void {
  diagnosticsChannel.subscribe(JOB_CHANNEL_NAMES[key], listener);
  return () => diagnosticsChannel.unsubscribe(JOB_CHANNEL_NAMES[key], listener);
}
