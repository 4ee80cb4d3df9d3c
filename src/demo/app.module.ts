import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ActiveJobModule, type OutboxStore } from '../active-job';
import { DatabaseModule, OUTBOX } from './database';
import { BoardModule, boardEnabled } from './board';
import { throttledMessage } from './common/throttle-message';
import { type DemoConfig, DemoConfigModule, demoConfig } from './config';
import { FakeCrmModule } from './fake-crm';
import { FakePartnerModule } from './fake-partner';
import { HealthModule } from './health/health.module';
import { activeJobOptions, JobsModule } from './jobs';
import { OutboxModule } from './outbox/outbox.module';
import { UsersApiModule } from './users';
import { WebModule } from './web/web.module';

/**
 * The web process: signup form and API, health, and (depending on the config) the outbox
 * pages, the fake CRM and partner, and Bull Board. With Redis it only enqueues; without, it also performs the jobs.
 *
 * @example
 * const app = await NestFactory.create(AppModule.register(demoConfig()));
 */
@Module({})
export class AppModule {
  static register(config: DemoConfig = demoConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DemoConfigModule.forRoot(config),
        ActiveJobModule.forRootAsync({
          imports: [DatabaseModule],
          useFactory: (outbox: OutboxStore) => activeJobOptions(config, 'web', outbox),
          inject: [OUTBOX],
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ limit: config.throttle.limit, ttl: config.throttle.ttlMs }],
          errorMessage: throttledMessage,
        }),
        JobsModule,
        UsersApiModule,
        WebModule,
        HealthModule,
        // The preview shows every user's email to anyone: never in production.
        ...(config.smtpUrl || config.production ? [] : [OutboxModule]),
        ...(config.crmUrl ? [] : [FakeCrmModule]),
        ...(config.webhookUrl ? [] : [FakePartnerModule]),
        ...(boardEnabled(config) ? [BoardModule.register(config.board)] : []),
      ],
      providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }) }],
    };
  }
}
