import { Module } from '@nestjs/common';
import { FakePartnerController } from './fake-partner.controller';
import { FakePartnerStore } from './fake-partner.store';

/** `/fake-partner`: mounted by the web process when WEBHOOK_URL is unset. */
@Module({ controllers: [FakePartnerController], providers: [FakePartnerStore], exports: [FakePartnerStore] })
export class FakePartnerModule {}
