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

// Listeners that want only the events of a problem (an error, a halting callback, failed jobs of a bulk
// enqueue): the library's own logger with logLines 'failures'. Kept off the diagnostics channels, so a
// job that went well builds no event at all unless someone else listens.
const problemListeners = Object.fromEntries(Object.keys(JOB_CHANNEL_NAMES).map((key) => [key, new Set<(message: unknown) => void>()])) as Record<
  JobChannelKey,
  Set<(message: unknown) => void>
>;

function isProblem(event: JobEvent | EnqueueAllEvent): boolean {
  return 'failedCount' in event ? event.failedCount > 0 : event.error !== undefined || event.aborted === true;
}

/** Publishes an event, building it only when someone listens. */
export function publish(key: Exclude<JobChannelKey, 'enqueueAll'>, build: () => JobEvent): void;
export function publish(key: 'enqueueAll', build: () => EnqueueAllEvent): void;
export function publish(key: JobChannelKey, build: () => JobEvent | EnqueueAllEvent): void {
  const channel = channels[key];
  const problems = problemListeners[key];
  if (!channel.hasSubscribers && problems.size === 0) return;
  const event = build();
  if (channel.hasSubscribers) channel.publish(event);
  if (problems.size > 0 && isProblem(event)) for (const listener of problems) listener(event);
}

/**
 * Whether anyone wants the event of something that went well: the enqueue and perform hot paths
 * ask before building one, without a closure per job.
 */
export function listened(key: JobChannelKey): boolean {
  return channels[key].hasSubscribers;
}

/** Publishes the event of something that went well, after `listened`. */
export function emit(key: Exclude<JobChannelKey, 'enqueueAll'>, event: JobEvent): void {
  channels[key].publish(event);
}

/** Subscribes to a channel; with `problemsOnly`, to the events of a problem alone (see `problemListeners`). */
export function subscribe(key: JobChannelKey, listener: (message: any) => void, { problemsOnly = false } = {}): () => void {
  if (problemsOnly) {
    problemListeners[key].add(listener);
    return () => problemListeners[key].delete(listener);
  }
  diagnosticsChannel.subscribe(JOB_CHANNEL_NAMES[key], listener);
  return () => diagnosticsChannel.unsubscribe(JOB_CHANNEL_NAMES[key], listener);
}
