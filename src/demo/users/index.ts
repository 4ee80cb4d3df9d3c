export { CreateUserDto } from './dto/create-user.dto';
export { EmailTakenError } from './errors/email-taken.error';
export { UserNotFoundError } from './errors/user-not-found.error';
export type { NewUser, User } from './user';
export { UsersApiModule } from './users-api.module';
export { SIGNUP_NOTICE } from './users.controller';
export { UsersModule } from './users.module';
export { UsersRepository } from './users.repository';
export { UsersService } from './users.service';
