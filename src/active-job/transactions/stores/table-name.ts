import { InvalidJobOptionsError } from '../../errors/invalid-job-options.error';
import { BAD_TABLE_NAME } from '../transactions.messages';

/** The outbox table's name, checked: it is written into SQL. */
export function checkTableName(table: unknown, store: string): string {
  if (typeof table === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) return table;
  throw new InvalidJobOptionsError(BAD_TABLE_NAME(store, table));
}
