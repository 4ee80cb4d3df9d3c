import { Module } from '@nestjs/common';
import { SelfUrl } from '../http';
import { CrmClient } from './crm-client';

/** `CrmClient`, talking to CRM_URL or to the demo's fake CRM. */
@Module({ providers: [CrmClient, SelfUrl], exports: [CrmClient] })
export class CrmModule {}
