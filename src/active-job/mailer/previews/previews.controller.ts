import { Controller, Get, Header, Inject, NotFoundException, Param, type Type } from '@nestjs/common';
import { MAIL_TRANSPORT } from '../mailer.constants';
import { MailersExplorer } from '../mailers.explorer';
import { MessageDelivery } from '../message-delivery';
import { EmlOutboxTransport } from '../transports/eml-outbox.transport';
import type { MailTransport } from '../transports/mail-transport.interface';
import { messagePage, outboxPage, PREVIEW_CSP, previewIndexPage } from './preview-pages';
import { InvalidMailerOptionsError } from '../errors/invalid-mailer-options.error';
import { NO_SUCH_PREVIEW, NOT_IN_OUTBOX, PREVIEW_NOT_A_DELIVERY } from '../mailer.messages';

/** The development pages at `path`: previews of each `@MailerPreview` method, and the `.eml` outbox. */
export function previewsController(path: string): Type<unknown> {
  @Controller(path)
  class MailerPreviewsController {
    constructor(
      private readonly explorer: MailersExplorer,
      @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    ) {}

    @Get()
    @Header('Content-Type', 'text/html; charset=utf-8')
    @Header('Content-Security-Policy', PREVIEW_CSP)
    index(): string {
      const previews = [...this.explorer.previews].map(([name, instance]) => ({ name, actions: actionsOf(instance) }));
      return previewIndexPage(path, previews);
    }

    @Get('outbox')
    @Header('Content-Type', 'text/html; charset=utf-8')
    @Header('Content-Security-Policy', PREVIEW_CSP)
    async outbox(): Promise<string> {
      return outboxPage(path, this.transport instanceof EmlOutboxTransport ? await this.transport.outbox.list() : null);
    }

    @Get('outbox/:id')
    @Header('Content-Type', 'text/html; charset=utf-8')
    @Header('Content-Security-Policy', PREVIEW_CSP)
    async outboxMail(@Param('id') id: string): Promise<string> {
      const mail = this.transport instanceof EmlOutboxTransport ? await this.transport.outbox.find(id) : null;
      if (!mail) throw new NotFoundException(NOT_IN_OUTBOX(id));
      return messagePage(path, mail.subject || '(no subject)', mail);
    }

    @Get(':preview/:action')
    @Header('Content-Type', 'text/html; charset=utf-8')
    @Header('Content-Security-Policy', PREVIEW_CSP)
    async show(@Param('preview') name: string, @Param('action') action: string): Promise<string> {
      const preview = this.explorer.previews.get(name);
      if (!preview || !actionsOf(preview).includes(action)) throw new NotFoundException(NO_SUCH_PREVIEW(name, action));
      const delivery: unknown = await (preview[action] as () => unknown).call(preview);
      if (!(delivery instanceof MessageDelivery)) {
        throw new InvalidMailerOptionsError(PREVIEW_NOT_A_DELIVERY(name, action, delivery));
      }
      return messagePage(path, `${name}#${action}`, await delivery.message());
    }
  }
  return MailerPreviewsController;
}

/** The preview's own methods, in declaration order. */
function actionsOf(instance: object): string[] {
  const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && typeof prototype[name] === 'function');
}
