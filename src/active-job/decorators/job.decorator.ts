import { SetMetadata } from '@nestjs/common';
import { JOB_METADATA } from '../active-job.constants';
import type { JobOptions } from '../interfaces/job-options.interface';

/**
 * Declares a job class: its queue (ActiveJob's `queue_as`), priority (`queue_with_priority`),
 * attempts, backoff and timeout. The class extends `ApplicationJob` and is registered with
 * `ActiveJobModule.forFeature([...])`.
 *
 * @example
 * @Job({ queue: 'mailers', attempts: 5, backoff: { type: 'exponential', delay: '1s' } })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   constructor(private readonly mailer: UserMailer) { super(); }
 *   async perform(userId: number) {
 *     await this.mailer.welcomeEmail(userId);
 *   }
 * }
 * @publicApi
 */
export const Job = (options: JobOptions = {}): ClassDecorator => SetMetadata(JOB_METADATA, options);
