import { Module } from '@nestjs/common';
import { FakeCrmController } from './fake-crm.controller';
import { FakeCrmStore } from './fake-crm.store';

/** `/fake-crm`: mounted by the web process when CRM_URL is unset. */
@Module({ controllers: [FakeCrmController], providers: [FakeCrmStore], exports: [FakeCrmStore] })
export class FakeCrmModule {}
