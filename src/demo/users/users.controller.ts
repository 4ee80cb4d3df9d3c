import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  UnsupportedMediaTypeException,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { ThrottleMessage } from '../common/throttle-message';
import { CreateUserDto } from './dto/create-user.dto';
import { normalizeEmail } from './email-address';
import { EmailTakenError } from './errors/email-taken.error';
import { UserNotFoundError } from './errors/user-not-found.error';
import { QueueUnavailableFilter } from './queue-unavailable.filter';
import { SIGNUP_JOBS } from './signup-jobs';
import { UsersService } from './users.service';

export const SIGNUP_NOTICE = 'Signed up successfully!';
export const RESEND_NOTICE = 'Your welcome email is on its way again.';

/**
 * Resends per user, whatever the client: they protect the person who gets the emails, whoever asks.
 * In memory, per web process, as the signup limit is.
 */
export const RESEND_LIMIT = { limit: 3, ttl: 10 * 60_000 };

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 201 as soon as the user and the signup jobs are stored (in the outbox, with the user); `queued` says which. */
  @Post()
  @UseGuards(ThrottlerGuard)
  @ThrottleMessage('Too many signups from your address: please wait a little and try again.')
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

  /**
   * "Did not get it? Send it again": 202 once the welcome email is queued again (`deliverLater`), 404
   * for an unknown user, 429 past `RESEND_LIMIT` for that user, 503 when Redis cannot take the job.
   * A real app would let only the signed-in user ask; the demo has no sessions.
   */
  @Post(':id/welcome-email')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ThrottlerGuard)
  // Read as ParseIntPipe will read it, so "01" and "1" count against the same user.
  @Throttle({ default: { ...RESEND_LIMIT, getTracker: (request) => `user ${Number.parseInt(String(request.params?.id), 10)}` } })
  @ThrottleMessage(
    `This welcome email was asked for again ${RESEND_LIMIT.limit} times in the last ${RESEND_LIMIT.ttl / 60_000} minutes: please wait before asking once more.`,
  )
  @UseFilters(QueueUnavailableFilter)
  async resendWelcomeEmail(@Param('id', ParseIntPipe) id: number, @Headers('content-type') contentType: string | undefined) {
    // JSON only, as POST /users: a form on another site cannot send it, so it cannot make its visitors mail our users.
    if (!/^application\/json\b/i.test(contentType ?? '')) throw new UnsupportedMediaTypeException('Send the request as application/json');
    try {
      await this.users.resendWelcomeEmail(id);
      return { notice: RESEND_NOTICE, queued: ['your welcome email, again (queue mailers)'] };
    } catch (error) {
      if (error instanceof UserNotFoundError) throw new NotFoundException(error.message);
      throw error;
    }
  }
}
