import { Module } from '@nestjs/common';
import { EmlOutbox } from '../../active-job/mailer';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { OutboxController } from './outbox.controller';

/** `GET /mails` and `GET /mails/:id`: the library's `.eml` outbox in the demo's own pages. */
@Module({
  providers: [{ provide: EmlOutbox, useFactory: (config: DemoConfig) => new EmlOutbox(config.outboxDir), inject: [DEMO_CONFIG] }],
  controllers: [OutboxController],
})
export class OutboxModule {}
