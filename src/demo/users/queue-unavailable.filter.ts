import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EnqueueError } from '../../active-job';

const RETRY_AFTER_SECONDS = 30;

/**
 * Answers 503 when the welcome email job could not be enqueued (Redis down or too slow).
 * The signup was rolled back, so the client may simply retry; the library has logged the cause.
 */
@Catch(EnqueueError)
export class SignupUnavailableFilter implements ExceptionFilter {
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
        message: 'Signups are paused: we could not queue your welcome email, so your signup was not saved. Please try again in a minute.',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}
