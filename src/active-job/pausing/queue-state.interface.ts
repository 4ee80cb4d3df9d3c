/** A queue as `QueueControl.list()` reports it. */
export interface QueueState {
  name: string;
  /** Paused for every worker (Bull's global pause). */
  paused: boolean;
}
