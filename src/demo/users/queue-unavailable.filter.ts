import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EnqueueError } from '../../active-job';

const RETRY_AFTER_SECONDS = 30;

/**
 * Answers 503 with Retry-After when a route's job could not be stored in Redis (down, full, or slower
 * than ENQUEUE_TIMEOUT); the library has logged the cause. Only for routes that enqueue straight to
 * Redis: `POST /users/:id/welcome-email` (its `deliverLater` runs outside any transaction). Signups
 * never need it: their jobs are written to the outbox in the signup's SQLite transaction, and Redis
 * is not on their path.
 */
@Catch(EnqueueError)
export class QueueUnavailableFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(_error: EnqueueError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse();
    httpAdapter.setHeader(response, 'Retry-After', String(RETRY_AFTER_SECONDS));
    httpAdapter.reply(
      response,
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'We could not queue your email just now. Please try again in a minute.',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}
