import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { closeOnFailedStart } from '../worker/close-on-failed-start';
import { TRANSACTIONAL_ENQUEUE } from './transaction.constants';
import { OutboxRelay } from './outbox-relay';
import type { TransactionalEnqueue } from './transactional-enqueue';

/**
 * Creates the outbox table at init, runs this process's relay from bootstrap and stops it before
 * the adapter closes. Does nothing without `transactions.outbox`.
 */
@Injectable()
export class OutboxRelayService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay | null;

  constructor(@Inject(TRANSACTIONAL_ENQUEUE) private readonly transactional: TransactionalEnqueue | null) {
    const outbox = transactional?.options.outbox;
    this.relay = outbox ? new OutboxRelay(outbox, transactional.adapter, transactional.options.relay) : null;
  }

  async onModuleInit(): Promise<void> {
    const outbox = this.transactional?.options.outbox;
    if (!outbox) return;
    // An outbox that cannot be set up (its database unreachable) fails the app's start: close what was opened for it.
    await closeOnFailedStart(
      this.transactional.adapter,
      () => outbox.setup(),
      () => outbox.close?.(),
    );
  }

  onApplicationBootstrap(): void {
    if (!this.relay || !this.transactional!.options.relay.enabled) return;
    this.transactional!.onOutboxCommit(() => this.relay!.poke());
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.transactional?.options.outbox?.close?.();
  }
}
