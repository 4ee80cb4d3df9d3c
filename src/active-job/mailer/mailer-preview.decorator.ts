import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { MAILER_PREVIEW_METADATA } from './mailer.constants';

/**
 * Declares a mailer preview (ActionMailer's `UserMailerPreview`): each method returns a message
 * delivery built with sample arguments, rendered at `GET /mailer-previews/<Preview>/<method>` in
 * development. Previews are providers, so they can inject what finds the samples.
 *
 * @example
 * @MailerPreview()
 * export class UserMailerPreview {
 *   welcomeEmail() {
 *     return UserMailer.compose().welcomeEmail(1);
 *   }
 * }
 * @publicApi
 */
export const MailerPreview = (): ClassDecorator => applyDecorators(Injectable(), SetMetadata(MAILER_PREVIEW_METADATA, true));
