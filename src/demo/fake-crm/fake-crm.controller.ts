import { BadRequestException, Body, Controller, Get, Header, Inject, Param, Put, Res } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { CONTENT_SECURITY_POLICY } from '../web/content-security-policy';
import { pageLinks } from '../web/page-links';
import { fakeCrmPage } from './fake-crm-page';
import { FakeCrmStore } from './fake-crm.store';
import { UpsertContactDto } from './upsert-contact.dto';

/** A CRM for `npm start` without CRM_URL: the upsert API CrmSyncJob calls, and a page listing the contacts. */
@Controller('fake-crm')
export class FakeCrmController {
  constructor(
    private readonly store: FakeCrmStore,
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  page(): string {
    return fakeCrmPage(this.store.list(), pageLinks(this.config));
  }

  /** Upsert by email: 201 when created, 200 when updated or unchanged. */
  @Put('api/contacts/:email')
  upsert(@Param('email') email: string, @Body() contact: UpsertContactDto, @Res({ passthrough: true }) response: { status(code: number): unknown }) {
    if (email.toLowerCase() !== contact.email.toLowerCase()) {
      throw new BadRequestException(`The path names ${email} but the body is the contact of ${contact.email}`);
    }
    const { outcome, contact: stored } = this.store.upsert({
      email: contact.email,
      name: contact.name,
      externalId: contact.externalId,
      signedUpAt: contact.signedUpAt,
    });
    response.status(outcome === 'created' ? 201 : 200);
    return { outcome, contact: stored };
  }
}
