import { Controller, Get, Header, Inject, NotFoundException, Param } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { EmlOutbox } from '../../active-job/mailer';
import { CONTENT_SECURITY_POLICY } from '../web/content-security-policy';
import { pageLinks } from '../web/page-links';
import { mailPage } from '../web/views/mail-page';
import { mailsPage } from '../web/views/mails-page';

/** Preview pages of the outbox, mounted only when mail goes there (SMTP_URL unset). */
@Controller('mails')
export class OutboxController {
  constructor(
    private readonly outbox: EmlOutbox,
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  async list(): Promise<string> {
    return mailsPage(await this.outbox.list(), this.links());
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  async show(@Param('id') id: string): Promise<string> {
    const mail = await this.outbox.find(id);
    if (!mail) throw new NotFoundException(`No email ${id} in the outbox`);
    return mailPage(mail, this.links());
  }

  private links() {
    return pageLinks(this.config);
  }
}
