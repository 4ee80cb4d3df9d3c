export { CrmClient, FAKE_CRM_API } from './crm-client';
export type { CrmContact, UpsertOutcome } from './crm-contact';
export { CrmModule } from './crm.module';
export { CrmSyncJob } from './crm-sync.job';
