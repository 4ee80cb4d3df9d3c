import { BadRequestException, Body, ConflictException, Controller, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CreateUserDto } from './dto/create-user.dto';
import { normalizeEmail } from './email-address';
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
    // Stored normalized, so duplicates are found on that form (the column compares without regard to case).
    const email = normalizeEmail(dto.email);
    if (!email) throw new BadRequestException(['email must be an email address']);
    try {
      const user = await this.users.signUp({ email, name: dto.name });
      return { id: user.id, email: user.email, name: user.name, notice: SIGNUP_NOTICE, queued: SIGNUP_JOBS.map(({ queued }) => queued) };
    } catch (error) {
      if (error instanceof EmailTakenError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
