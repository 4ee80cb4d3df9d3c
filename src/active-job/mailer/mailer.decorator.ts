import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { MAILER_METADATA } from './mailer.constants';
import type { MailerOptions } from './mailer-options.interface';

/**
 * Declares a mailer (ActionMailer's `UserMailer < ApplicationMailer`): an injectable class whose
 * methods build one message each. List it in a module's providers, beside `MailerModule.forRoot()`.
 *
 * @example
 * @Mailer({ defaults: { from: 'Acme <hello@acme.test>' } })
 * export class UserMailer extends ApplicationMailer {
 *   constructor(private readonly users: UsersRepository) { super(); }
 *   async welcomeEmail(userId: number) {
 *     const user = await this.users.find(userId);
 *     return this.mail({ to: user.email, subject: `Welcome, ${user.name}!`, text: `Hi ${user.name}` });
 *   }
 * }
 *
 * await UserMailer.compose().welcomeEmail(user.id).deliverLater();
 * @publicApi
 */
export const Mailer = (options: MailerOptions = {}): ClassDecorator => applyDecorators(Injectable(), SetMetadata(MAILER_METADATA, options));
