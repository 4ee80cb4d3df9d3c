import { InjectQueue } from '@nestjs/bull';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { Queue } from 'bull';
import { JobQueue } from 'nestjs-active-job';
import { QueueProbe } from './queue-probe.js';
import { WelcomeEmailJob } from './jobs/welcome-email.job.js';

@Controller()
export class AppController {
  constructor(
    private readonly jobs: JobQueue,
    @InjectQueue('mailers') private readonly mailers: Queue,
    private readonly probe: QueueProbe,
  ) {}

  /** Returns at once: the worker process sends the email. */
  @Post('users')
  async signUp(@Body() body: { id: number }) {
    const job = await WelcomeEmailJob.performLater(body.id);
    return { jobId: job.jobId, providerJobId: job.providerJobId };
  }

  @Post('users/:id/later')
  async later(@Param('id') id: string) {
    const job = await WelcomeEmailJob.set({ wait: '1s', priority: 5 }).performLater(Number(id));
    return { scheduledAt: job.scheduledAt };
  }

  @Post('users/bulk')
  async bulk(@Body() body: { ids: number[] }) {
    const jobs = await this.jobs.performAllLater(
      WelcomeEmailJob,
      body.ids.map((id) => [id] as [number]),
    );
    return { count: jobs.length };
  }

  /** @InjectQueue gives the one Bull queue the library enqueues to, wherever it is injected. */
  @Get('queues/mailers')
  async mailersQueue() {
    const job = await this.jobs.performLater(WelcomeEmailJob, 4242);
    const stored = await this.mailers.getJob(job.providerJobId);
    return { name: this.mailers.name, sameInstance: this.mailers === this.probe.mailers, storedJobName: stored?.name ?? null };
  }
}
