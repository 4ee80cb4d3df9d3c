import type { Job, Queue } from 'bull';
import { LockLostError } from '../errors/lock-lost.error';
import { setOwnershipProbe } from '../execution/ownership-probe';

/** How often running jobs are looked at; a freeze is noticed on the first tick after it. */
const TICK_MS = 250;

interface LockSettings {
  lockDuration: number;
  lockRenewTime: number;
}

/** One run being watched: its signal, created only when asked for, and why its lock was lost, if it was. */
export class WatchedRun {
  verifiedAt: number;
  verifying = false;
  /** Why this run no longer owns its job, once it does not. */
  lostReason?: LockLostError;
  private controller?: AbortController;

  constructor(
    readonly job: Job,
    /** When the run began (Date.now()). */
    readonly since: number,
    private readonly watch: LockWatch,
  ) {
    this.verifiedAt = since;
  }

  /**
   * Aborted with a LockLostError when the lock is lost; created on first read (an AbortSignal costs
   * microseconds on Node 20, and most runs never read theirs). `checkOwnership(signal)` looks at the
   * process's clock at once, for a side effect that must not wait for the next tick.
   */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.lostReason) this.controller.abort(this.lostReason);
      else setOwnershipProbe(this.controller.signal, this.watch.checkNow);
    }
    return this.controller.signal;
  }

  lose(reason: LockLostError): void {
    if (this.lostReason) return;
    this.lostReason = reason;
    this.controller?.abort(reason);
  }
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
 * One unreferenced interval ticks from the first run until `close()`: started and cleared whenever
 * the running jobs went from none to one and back, it cost a worker of concurrency 1 both per job.
 */
export class LockWatch {
  private readonly running = new Map<string, WatchedRun>();
  private timer?: NodeJS.Timeout;
  private lastTick = 0;

  constructor(private readonly queue: Queue) {
    queue.on('lock-extension-failed', (job: Job, error: Error) => this.lost(String(job.id), `it could not be extended (${error.message})`));
  }

  /** Watches `job` until `release(run)`; the run's signal aborts if the lock is lost meanwhile. */
  watch(job: Job): WatchedRun {
    const now = Date.now();
    const run = new WatchedRun(job, now, this);
    this.running.set(String(job.id), run);
    if (!this.timer) {
      this.lastTick = now;
      // Unreferenced: it must not keep the process alive, whether jobs run or not.
      this.timer = setInterval(() => this.tick(), TICK_MS).unref();
    }
    return run;
  }

  release(run: WatchedRun): void {
    const id = String(run.job.id);
    if (this.running.get(id) === run) this.running.delete(id);
  }

  /** Stops the interval (the worker stopped consuming); a later `watch` starts it again. */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * The stood-still check of the next tick, now: after a standstill the event loop may run the I/O
   * that arrived meanwhile before this watch's overdue timer (the SMTP server's answers to an email's
   * envelope, say), so a side effect about to leave asks here first (`checkOwnership`).
   */
  readonly checkNow = (): void => {
    if (this.timer && Date.now() - this.lastTick > this.settings.lockDuration + TICK_MS) this.tick();
  };

  private get settings(): LockSettings {
    return (this.queue as Queue & { settings: LockSettings }).settings;
  }

  private tick(): void {
    const now = Date.now();
    const previousTick = this.lastTick;
    const stoodStill = now - previousTick;
    this.lastTick = now;
    const { lockDuration, lockRenewTime } = this.settings;
    for (const [id, run] of this.running) {
      // Bull's last renewal came at the latest one tick before the standstill: the lock of a run that
      // was going then has surely expired. A run begun since (after the resume, before this tick) has a fresh lock.
      if (stoodStill > lockDuration + TICK_MS && run.since <= previousTick) {
        this.lost(id, `this process stood still for ${stoodStill} ms, longer than lockDuration (${lockDuration} ms)`);
      } else if (!run.verifying && (now - run.verifiedAt >= lockRenewTime || stoodStill > lockDuration - lockRenewTime)) {
        void this.verify(run);
      }
    }
  }

  private async verify(run: WatchedRun): Promise<void> {
    const id = String(run.job.id);
    const startedAt = Date.now();
    run.verifying = true;
    try {
      const holder = await this.queue.client.get(`${this.queue.toKey(id)}:lock`);
      if (this.running.get(id) !== run) return; // the run ended meanwhile, and its lock with it
      if (holder === (this.queue as Queue & { token: string }).token) run.verifiedAt = startedAt;
      else this.lost(id, holder === null ? 'it expired' : 'another worker holds it');
    } catch {
      // Redis unreachable: the lock may well still be ours; Bull reports a failed renewal itself.
    } finally {
      run.verifying = false;
    }
  }

  private lost(id: string, detail: string): void {
    const run = this.running.get(id);
    if (!run || run.lostReason) return;
    run.lose(new LockLostError(id, this.queue.name, detail));
  }
}
