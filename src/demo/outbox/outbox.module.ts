import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { OutboxController } from './outbox.controller';

/** `GET /mails` and `GET /mails/:id`. */
@Module({ imports: [MailModule], controllers: [OutboxController] })
export class OutboxModule {}
