import { Inject, Injectable, Logger, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { ApplicationJob } from '../application-job';
import { JobQueue } from '../enqueuing/job-queue.service';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import { InvalidMailerOptionsError } from './errors/invalid-mailer-options.error';
import { UnknownMailerError } from './errors/unknown-mailer.error';
import type { MailDefaults, MailMessage } from './mail-message.interface';
import { DEFAULT_MAILER_QUEUE, MAIL_DELIVERY_JOB, MAIL_TRANSPORT, MAILER_MODULE_OPTIONS } from './mailer.constants';
import type { MailerModuleOptions, MailerOptions } from './mailer-options.interface';
import type { DeliverLaterOptions, DeliveryTarget, MailerBinding } from './delivery-target.interface';
import type { MailTransport } from './transports/mail-transport.interface';
import { DELIVERED, DUPLICATE_MAILER_NAME, NO_RECIPIENTS, NO_SENDER, NO_SUCH_MAILER_METHOD, NOT_A_MESSAGE, UNKNOWN_MAILER } from './mailer.messages';

interface MailerEntry {
  type: Function;
  instance: Record<string, unknown>;
  options: MailerOptions;
}

/** What the service needs of `MailDeliveryJob` (named here by shape: the job imports this service). */
interface DeliveryJob extends ApplicationJob {
  perform(mailer: string, action: string, args: unknown[]): Promise<void>;
}

const RECIPIENT_FIELDS = ['to', 'cc', 'bcc'] as const;

/** The application's mailers by name: builds their messages, sends them, and enqueues their deliveries. */
@Injectable()
export class MailerService implements MailerBinding, OnApplicationShutdown {
  private readonly byName = new Map<string, MailerEntry>();
  private readonly logger = new Logger('ActiveJob');

  constructor(
    @Inject(MAILER_MODULE_OPTIONS) private readonly options: MailerModuleOptions,
    @Inject(MAIL_TRANSPORT) readonly transport: MailTransport,
    @Inject(MAIL_DELIVERY_JOB) private readonly deliveryJob: Type<DeliveryJob>,
    private readonly jobs: JobQueue,
  ) {}

  /** @internal Called by the explorer for each `@Mailer()` provider. */
  register(type: Function, instance: object, options: MailerOptions): void {
    const clash = this.byName.get(type.name);
    if (clash && clash.type !== type) {
      throw new InvalidMailerOptionsError(DUPLICATE_MAILER_NAME(type.name));
    }
    this.byName.set(type.name, { type, instance: instance as Record<string, unknown>, options });
  }

  /** The queues `deliverLater` sends to without a `queue` of its own: each mailer's, or the module's. */
  deliveryQueues(): string[] {
    return [...new Set([...this.byName.values()].map((entry) => this.queueOf(entry)))];
  }

  /** @internal The delivery job class (`MailDeliveryJob` or the module's `deliveryJob`). */
  get deliveryJobType(): Type<ApplicationJob> {
    return this.deliveryJob;
  }

  mailerNames(): string[] {
    return [...this.byName.keys()];
  }

  async build(delivery: DeliveryTarget): Promise<MailMessage> {
    const entry = this.entry(delivery.mailer.name);
    const method = entry.instance[delivery.action];
    if (typeof method !== 'function' || delivery.action === 'constructor') {
      throw new UnknownMailerError(NO_SUCH_MAILER_METHOD(entry.type.name, delivery.action));
    }
    const built: unknown = await method.apply(entry.instance, delivery.args);
    const at = `${entry.type.name}.${delivery.action}()`;
    if (typeof built !== 'object' || built === null) throw new InvalidMailerOptionsError(NOT_A_MESSAGE(at, built));
    const message: MailMessage = { ...this.options.defaults, ...entry.options.defaults, ...(built as MailMessage) };
    if (!RECIPIENT_FIELDS.some((field) => hasAddress(message[field]))) throw new InvalidMailerOptionsError(NO_RECIPIENTS(at));
    if (!message.from) throw new InvalidMailerOptionsError(NO_SENDER(at));
    return message;
  }

  private queueOf(entry: MailerEntry): string {
    return entry.options.queue ?? this.options.deliverLaterQueue ?? DEFAULT_MAILER_QUEUE;
  }

  async deliverNow(delivery: DeliveryTarget, signal?: AbortSignal): Promise<void> {
    const message = await this.build(delivery);
    await this.transport.send(message, { signal });
    this.logger.log(DELIVERED(delivery.mailer.name, delivery.action, describeRecipients(message), this.transport.description));
  }

  async deliverLater(delivery: DeliveryTarget, options: DeliverLaterOptions): Promise<EnqueuedJob> {
    const entry = this.entry(delivery.mailer.name);
    if (typeof entry.instance[delivery.action] !== 'function') throw new UnknownMailerError(NO_SUCH_MAILER_METHOD(entry.type.name, delivery.action));
    const queue = options.queue ?? this.queueOf(entry);
    return this.jobs.set(this.deliveryJob, { ...options, queue }).performLater(entry.type.name, delivery.action, [...delivery.args]);
  }

  /** @internal What `MailDeliveryJob` runs in the worker. */
  async deliverByName(mailer: string, action: string, args: unknown[], signal?: AbortSignal): Promise<void> {
    const entry = this.entry(mailer);
    await this.deliverNow({ mailer: entry.type, action, args }, signal);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close?.();
  }

  private entry(name: string): MailerEntry {
    const entry = this.byName.get(name);
    if (entry) return entry;
    throw new UnknownMailerError(UNKNOWN_MAILER(name, this.mailerNames()));
  }
}

function hasAddress(value: MailMessage['to']): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function describeRecipients(message: MailDefaults): string {
  const format = (value: MailMessage['to']): string[] =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((address) => (typeof address === 'string' ? address : address.address));
  return [...format(message.to), ...format(message.cc), ...format(message.bcc)].join(', ');
}
