import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { AccountMailer } from './account-mailer.js';
import { ACCOUNTS_DATABASE, type AccountsDatabase } from './accounts-database.interface.js';

class RolledBack extends Error {}

/** An account row and its email committed together through the library's transactional outbox. */
@Controller('accounts')
export class AccountsController {
  constructor(@Inject(ACCOUNTS_DATABASE) private readonly database: AccountsDatabase) {}

  @Post()
  async open(@Body() body: { id: number; rollback?: boolean }) {
    try {
      await this.database.transaction(async (insertAccount) => {
        await insertAccount(body.id);
        await AccountMailer.compose().opened(body.id).deliverLater();
        if (body.rollback) throw new RolledBack();
      });
    } catch (error) {
      if (error instanceof RolledBack) return { id: body.id, committed: false };
      throw error;
    }
    return { id: body.id, committed: true };
  }

  @Get(':id')
  async find(@Param('id') id: string) {
    return { id: Number(id), rows: await this.database.countAccounts(Number(id)) };
  }
}
