import { Module } from '@nestjs/common';
import { UserMailer } from './user-mailer';

@Module({ providers: [UserMailer], exports: [UserMailer] })
export class MailModule {}
