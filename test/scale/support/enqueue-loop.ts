import { waitUntil } from '../../support/wait-until';

export interface EnqueueLoop {
  /** Labels whose enqueue resolved: Redis acknowledged them, so they must be performed. */
  readonly acknowledged: string[];
  /** Labels whose enqueue rejected, with the error's message (they may or may not have been stored). */
  readonly refused: { label: string; message: string; at: number }[];
  waitForAcknowledged(count: number, timeoutMs?: number): Promise<void>;
  /** Ends the loop after the enqueue in flight; resolves with what it saw. */
  stop(): Promise<{ acknowledged: string[]; refused: EnqueueLoop['refused'] }>;
}

/**
 * A web process's traffic: one enqueue after another, each with a fresh label, until stopped.
 * Records which were acknowledged and which refused, and when.
 */
export function enqueueUntilStopped(enqueue: (label: string) => Promise<unknown>): EnqueueLoop & { acknowledgedAt: number[] } {
  const acknowledged: string[] = [];
  const acknowledgedAt: number[] = [];
  const refused: EnqueueLoop['refused'] = [];
  let stopping = false;
  const running = (async () => {
    for (let index = 0; !stopping; index++) {
      const label = `#${index}`;
      try {
        await enqueue(label);
        acknowledged.push(label);
        acknowledgedAt.push(Date.now());
      } catch (error) {
        refused.push({ label, message: (error as Error).message, at: Date.now() });
        // Pacing, not waiting for a state: a refusal that comes at once must not spin the loop.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  })();
  return {
    acknowledged,
    acknowledgedAt,
    refused,
    waitForAcknowledged: (count, timeoutMs = 20_000) =>
      waitUntil(() => acknowledged.length >= count, timeoutMs, `${count} acknowledged enqueues (${acknowledged.length} so far, ${refused.length} refused)`),
    stop: async () => {
      stopping = true;
      await running;
      return { acknowledged, refused };
    },
  };
}
