import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { QUEUE_ADAPTER } from '../active-job.constants';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { JobRegistry } from '../job-registry';
import { closeOnFailedStart } from '../worker/close-on-failed-start';
import { InvalidMailerOptionsError } from './errors/invalid-mailer-options.error';
import { ApplicationMailer } from './application-mailer';
import { MAILER_METADATA, MAILER_PREVIEW_METADATA } from './mailer.constants';
import type { MailerOptions } from './mailer-options.interface';
import { providerClass } from '../worker/provider-class';
import { MailerRuntime } from './mailer-runtime';
import { MailerService } from './mailer.service';
import { MAILER_NOT_SINGLETON, NOT_AN_APPLICATION_MAILER } from './mailer.messages';

/** Finds `@Mailer()` and `@MailerPreview()` providers once modules are initialized, and binds mailer classes to this application. */
@Injectable()
export class MailersExplorer implements OnModuleInit, OnApplicationShutdown {
  /** Preview instances by class name, for the preview pages. */
  readonly previews = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly mailers: MailerService,
    private readonly registry: JobRegistry,
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
  ) {}

  onModuleInit(): Promise<void> {
    // A mailer refused here fails the app's start: its Redis connections must not outlive it.
    return closeOnFailedStart(this.adapter, () => this.discover());
  }

  private discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const type = providerClass(wrapper);
      if (!type) continue;
      const options = this.reflector.get<MailerOptions | undefined>(MAILER_METADATA, type);
      const isPreview = this.reflector.get<boolean | undefined>(MAILER_PREVIEW_METADATA, type);
      if (!options && !isPreview) continue;
      // Mailers build messages in the worker from a name: one shared instance per class is what they look up.
      if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient || !wrapper.instance) {
        throw new InvalidMailerOptionsError(MAILER_NOT_SINGLETON(type.name));
      }
      if (options) {
        if (!(type.prototype instanceof ApplicationMailer)) throw new InvalidMailerOptionsError(NOT_AN_APPLICATION_MAILER(type.name));
        this.mailers.register(type, wrapper.instance, options);
        MailerRuntime.bind(type, this.mailers);
      }
      if (isPreview) this.previews.set(type.name, wrapper.instance);
    }
    // deliverLater's queues come from the mailers, not the delivery job's @Job: workers must consume them too.
    this.registry.routeAlso(this.mailers.deliveryJobType, this.mailers.deliveryQueues());
  }

  onApplicationShutdown(): void {
    MailerRuntime.unbindAll(this.mailers);
  }
}
