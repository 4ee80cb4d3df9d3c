import { Body, ConflictException, Controller, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CreateUserDto } from './dto/create-user.dto';
import { EmailTakenError } from './errors/email-taken.error';
import { SignupUnavailableFilter } from './signup-unavailable.filter';
import { UsersService } from './users.service';

export const SIGNUP_NOTICE = 'Signed up successfully!';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 201 as soon as the user is stored and the welcome email is queued. */
  @Post()
  @UseGuards(ThrottlerGuard)
  @UseFilters(SignupUnavailableFilter)
  async create(@Body() dto: CreateUserDto) {
    try {
      const user = await this.users.signUp({ email: dto.email, name: dto.name });
      return { id: user.id, email: user.email, name: user.name, notice: SIGNUP_NOTICE };
    } catch (error) {
      if (error instanceof EmailTakenError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
