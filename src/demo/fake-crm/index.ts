export { FAKE_CRM_CAPACITY, FakeCrmStore, type StoredContact } from './fake-crm.store';
export { FakeCrmModule } from './fake-crm.module';
