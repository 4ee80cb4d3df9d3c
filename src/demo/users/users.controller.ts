import { Body, ConflictException, Controller, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CreateUserDto } from './dto/create-user.dto';
import { EmailTakenError } from './errors/email-taken.error';
import { SIGNUP_JOBS } from './signup-jobs';
import { SignupUnavailableFilter } from './signup-unavailable.filter';
import { UsersService } from './users.service';

export const SIGNUP_NOTICE = 'Signed up successfully!';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 201 as soon as the user is stored and the signup jobs are queued; `queued` says which. */
  @Post()
  @UseGuards(ThrottlerGuard)
  @UseFilters(SignupUnavailableFilter)
  async create(@Body() dto: CreateUserDto) {
    try {
      const user = await this.users.signUp({ email: dto.email, name: dto.name });
      return { id: user.id, email: user.email, name: user.name, notice: SIGNUP_NOTICE, queued: SIGNUP_JOBS.map(({ queued }) => queued) };
    } catch (error) {
      if (error instanceof EmailTakenError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
