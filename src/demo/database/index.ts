export { DatabaseModule } from './database.module';
export { SQLITE } from './sqlite.provider';
