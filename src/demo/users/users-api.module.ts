import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersModule } from './users.module';

/** `POST /users`, for the web process only (its throttler guard needs the web's ThrottlerModule). */
@Module({ imports: [UsersModule], controllers: [UsersController] })
export class UsersApiModule {}
