import { Module } from '@nestjs/common';
import { UserMailer } from './user-mailer.js';
import { UsersService } from './users.service.js';

@Module({ providers: [UsersService, UserMailer], exports: [UsersService, UserMailer] })
export class UsersModule {}
