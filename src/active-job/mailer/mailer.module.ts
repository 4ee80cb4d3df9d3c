import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { UNKNOWN_OPTION } from '../active-job.messages';
import { checkQueueName, unknownKey } from '../validation/option-checks';
import type { ApplicationJob } from '../application-job';
import { InvalidMailerOptionsError } from './errors/invalid-mailer-options.error';
import { MailDeliveryJob } from './mail-delivery.job';
import { DEFAULT_PREVIEWS_PATH, MAIL_DELIVERY_JOB, MAIL_TRANSPORT, MAILER_MODULE_OPTIONS } from './mailer.constants';
import type { MailerModuleAsyncOptions, MailerModuleOptions } from './mailer-options.interface';
import { MailerService } from './mailer.service';
import { MailersExplorer } from './mailers.explorer';
import { previewsController } from './previews/previews.controller';
import { createMailTransport } from './transports/create-transport';
import {
  BAD_DELIVERY_JOB,
  BAD_PREVIEWS_PATH,
  FOR_ROOT_ASYNC_NEEDS_FACTORY,
  NO_TRANSPORT,
  OPTIONS_NOT_AN_OBJECT,
  PREVIEWS_IN_PRODUCTION,
} from './mailer.messages';

const KNOWN_OPTIONS = ['transport', 'defaults', 'deliverLaterQueue', 'previews', 'deliveryJob'];

/**
 * Mailers for the whole application (ActionMailer's configuration): where messages go, their
 * defaults, the `deliverLater` queue and the development previews. Needs `ActiveJobModule.forRoot()`;
 * worker processes import it too, since they build and send the messages.
 *
 * @example
 * @Module({
 *   imports: [
 *     ActiveJobModule.forRoot({ connection: process.env.REDIS_URL }),
 *     MailerModule.forRoot({
 *       transport: process.env.SMTP_URL ? { smtp: process.env.SMTP_URL } : { outbox: 'var/outbox' },
 *       defaults: { from: 'Acme <hello@acme.test>' },
 *       previews: process.env.NODE_ENV !== 'production',
 *     }),
 *   ],
 *   providers: [UserMailer, UserMailerPreview],
 * })
 * export class AppModule {}
 * @publicApi
 */
@Module({})
export class MailerModule {
  static forRoot(options: MailerModuleOptions): DynamicModule {
    checkOptions(options);
    return this.root({ provide: MAILER_MODULE_OPTIONS, useValue: options }, [], options);
  }

  /** As `forRoot`, with options from a factory (e.g. reading `ConfigService`); `previews` and `deliveryJob` are given beside it. */
  static forRootAsync(options: MailerModuleAsyncOptions): DynamicModule {
    if (typeof options?.useFactory !== 'function') throw new InvalidMailerOptionsError(FOR_ROOT_ASYNC_NEEDS_FACTORY());
    const { previews, deliveryJob } = options;
    const provider: Provider = {
      provide: MAILER_MODULE_OPTIONS,
      useFactory: async (...args: unknown[]) => {
        const resolved = { ...(await options.useFactory(...args)), previews, deliveryJob };
        checkOptions(resolved);
        return resolved;
      },
      inject: options.inject ?? [],
    };
    checkStatic({ previews, deliveryJob });
    return this.root(provider, options.imports ?? [], { previews, deliveryJob });
  }

  private static root(
    optionsProvider: Provider,
    imports: DynamicModule['imports'],
    { previews, deliveryJob }: Pick<MailerModuleOptions, 'previews' | 'deliveryJob'>,
  ): DynamicModule {
    const job: Type<ApplicationJob> = deliveryJob ?? MailDeliveryJob;
    const path = typeof previews === 'object' && previews.path !== undefined ? previews.path.replace(/^\/+|\/+$/g, '') : DEFAULT_PREVIEWS_PATH;
    return {
      global: true,
      module: MailerModule,
      imports: [DiscoveryModule, ...(imports ?? [])],
      controllers: previews ? [previewsController(path)] : [],
      providers: [
        optionsProvider,
        { provide: MAIL_TRANSPORT, useFactory: (options: MailerModuleOptions) => createMailTransport(options.transport), inject: [MAILER_MODULE_OPTIONS] },
        { provide: MAIL_DELIVERY_JOB, useValue: job },
        job,
        MailerService,
        MailersExplorer,
      ],
      exports: [MAIL_TRANSPORT, MailerService],
    };
  }
}

function checkOptions(options: MailerModuleOptions): void {
  if (typeof options !== 'object' || options === null) throw new InvalidMailerOptionsError(OPTIONS_NOT_AN_OBJECT());
  const unknown = unknownKey(options, KNOWN_OPTIONS);
  if (unknown) throw new InvalidMailerOptionsError(UNKNOWN_OPTION('MailerModule option', unknown, KNOWN_OPTIONS));
  if (options.transport === undefined) throw new InvalidMailerOptionsError(NO_TRANSPORT());
  if (options.deliverLaterQueue !== undefined) checkQueueName(options.deliverLaterQueue, 'MailerModule deliverLaterQueue');
  checkStatic(options);
}

function checkStatic({ previews, deliveryJob }: Pick<MailerModuleOptions, 'previews' | 'deliveryJob'>): void {
  if (previews && process.env.NODE_ENV === 'production') {
    throw new InvalidMailerOptionsError(PREVIEWS_IN_PRODUCTION());
  }
  if (
    typeof previews === 'object' &&
    previews !== null &&
    previews.path !== undefined &&
    (typeof previews.path !== 'string' || !/^\/?[\w-]+(\/[\w-]+)*\/?$/.test(previews.path))
  ) {
    throw new InvalidMailerOptionsError(BAD_PREVIEWS_PATH(previews.path));
  }
  if (
    deliveryJob !== undefined &&
    !(typeof deliveryJob === 'function' && (deliveryJob === MailDeliveryJob || deliveryJob.prototype instanceof MailDeliveryJob))
  ) {
    throw new InvalidMailerOptionsError(BAD_DELIVERY_JOB(String((deliveryJob as Function)?.name ?? deliveryJob)));
  }
}
