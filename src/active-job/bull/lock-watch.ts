import type { Job, Queue } from 'bull';
import { LockLostError } from '../errors/lock-lost.error';

/** How often running jobs are looked at; a freeze is noticed on the first tick after it. */
const TICK_MS = 250;

interface Watched {
  readonly job: Job;
  readonly controller: AbortController;
  verifiedAt: number;
  verifying: boolean;
}

interface LockSettings {
  lockDuration: number;
  lockRenewTime: number;
}

/**
 * Tells each run of a queue when its Bull lock is gone, by aborting its signal with a LockLostError.
 * Bull renews a running job's lock every `lockRenewTime` but, when the renewal finds the lock taken
 * or expired, only stops renewing: the run goes on while another worker may run the job again.
 * The lock is lost when:
 * - Bull reports `lock-extension-failed`;
 * - the lock in Redis is no longer this worker's (checked every `lockRenewTime`);
 * - this process stood still (SIGSTOP, a blocked event loop) longer than `lockDuration`: the lock
 *   has expired, and the abort comes at once on resuming, before any Redis round trip.
 */
export class LockWatch {
  private readonly running = new Map<string, Watched>();
  private timer?: NodeJS.Timeout;
  private lastTick = 0;

  constructor(private readonly queue: Queue) {
    queue.on('lock-extension-failed', (job: Job, error: Error) => this.lost(String(job.id), `it could not be extended (${error.message})`));
  }

  /** Watches `job` until the returned `stop()`; its signal aborts if the lock is lost meanwhile. */
  watch(job: Job): { signal: AbortSignal; stop: () => void } {
    const id = String(job.id);
    const watched: Watched = { job, controller: new AbortController(), verifiedAt: Date.now(), verifying: false };
    this.running.set(id, watched);
    if (!this.timer) {
      this.lastTick = Date.now();
      // Unreferenced: a run left behind at shutdown must not keep the process alive through this timer.
      this.timer = setInterval(() => this.tick(), TICK_MS).unref();
    }
    return {
      signal: watched.controller.signal,
      stop: () => {
        if (this.running.get(id) === watched) this.running.delete(id);
        if (this.running.size === 0 && this.timer) {
          clearInterval(this.timer);
          this.timer = undefined;
        }
      },
    };
  }

  private get settings(): LockSettings {
    return (this.queue as Queue & { settings: LockSettings }).settings;
  }

  private tick(): void {
    const now = Date.now();
    const stoodStill = now - this.lastTick;
    this.lastTick = now;
    const { lockDuration, lockRenewTime } = this.settings;
    // Bull's last renewal came at the latest one tick before the standstill: the lock has surely expired.
    if (stoodStill > lockDuration + TICK_MS) {
      for (const id of [...this.running.keys()]) this.lost(id, `this process stood still for ${stoodStill} ms, longer than lockDuration (${lockDuration} ms)`);
      return;
    }
    for (const watched of this.running.values()) {
      if (!watched.verifying && (now - watched.verifiedAt >= lockRenewTime || stoodStill > lockDuration - lockRenewTime)) void this.verify(watched);
    }
  }

  private async verify(watched: Watched): Promise<void> {
    const id = String(watched.job.id);
    const startedAt = Date.now();
    watched.verifying = true;
    try {
      const holder = await this.queue.client.get(`${this.queue.toKey(id)}:lock`);
      if (this.running.get(id) !== watched) return; // the run ended meanwhile, and its lock with it
      if (holder === (this.queue as Queue & { token: string }).token) watched.verifiedAt = startedAt;
      else this.lost(id, holder === null ? 'it expired' : 'another worker holds it');
    } catch {
      // Redis unreachable: the lock may well still be ours; Bull reports a failed renewal itself.
    } finally {
      watched.verifying = false;
    }
  }

  private lost(id: string, detail: string): void {
    const watched = this.running.get(id);
    if (!watched || watched.controller.signal.aborted) return;
    watched.controller.abort(new LockLostError(id, this.queue.name, detail));
  }
}
