export { FAKE_PARTNER_CAPACITY, FakePartnerStore, type ReceivedEvent } from './fake-partner.store';
export { FakePartnerModule } from './fake-partner.module';
