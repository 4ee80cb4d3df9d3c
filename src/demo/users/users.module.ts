import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Users and signup, without HTTP: the worker imports this too. */
@Module({
  imports: [DatabaseModule],
  providers: [UsersRepository, UsersService],
  exports: [UsersRepository, UsersService],
})
export class UsersModule {}
