export { activeJobOptions, type ProcessRole } from './active-job-options';
export { JobsModule } from './jobs.module';
export { WelcomeEmailJob } from './welcome-email.job';
