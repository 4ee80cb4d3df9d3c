export { DatabaseModule } from './database.module';
export { OUTBOX } from './outbox.provider';
export { SQLITE } from './sqlite.provider';
