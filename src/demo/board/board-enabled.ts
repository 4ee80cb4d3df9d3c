import type { DemoConfig } from '../config';

/** Bull Board is mounted only with credentials to guard it and Bull queues to show. */
export function boardEnabled(config: DemoConfig): config is DemoConfig & { board: NonNullable<DemoConfig['board']>; redisUrl: string } {
  return config.board !== null && config.redisUrl !== null;
}
