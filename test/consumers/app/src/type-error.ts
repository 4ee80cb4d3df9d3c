// Compiled on its own by the consumer matrix, which expects tsc to fail here: performLater takes a number.
import { WelcomeEmailJob } from './jobs/welcome-email.job.js';

export const wrong = WelcomeEmailJob.performLater('not a user id');
