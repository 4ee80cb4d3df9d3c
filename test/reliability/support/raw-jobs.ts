import type { JobPayload } from '../../../src/active-job/interfaces/job-payload.interface';
import { v1Payload } from '../../support/v1-payload';
import type { DemoStack } from './demo-stack';
import { signUp } from './http';

const QUEUE = 'bull:mailers';

/** A version 1 payload of the demo's WelcomeEmailJob (user 1), changed by `overrides`, e.g. `{ v: 99 }` or `{ jobId: '' }`. */
export function welcomePayload(overrides: object = {}): JobPayload {
  return v1Payload({ jobClass: 'WelcomeEmailJob', queueName: 'mailers', arguments: [1] }, overrides);
}

/**
 * Writes a job hash into the demo's mailers queue with plain Redis commands, as another client or a bad
 * migration could, and puts its id in the wait list, or in the failed set with `failed`.
 */
export async function writeRawJob(
  stack: DemoStack,
  data: string,
  { name = 'WelcomeEmailJob', opts = { attempts: 5, preventParsingData: true }, failed = false }: { name?: string; opts?: object; failed?: boolean } = {},
): Promise<string> {
  const id = String(await stack.inspect.incr(`${QUEUE}:id`));
  const fields = { name, data, opts: JSON.stringify(opts), timestamp: String(Date.now()), delay: '0', priority: '0' };
  if (failed) {
    await stack.inspect.hset(`${QUEUE}:${id}`, { ...fields, failedReason: 'written as failed', finishedOn: String(Date.now()), attemptsMade: '1' });
    await stack.inspect.zadd(`${QUEUE}:failed`, Date.now(), id);
  } else {
    await stack.inspect.hset(`${QUEUE}:${id}`, fields);
    await stack.inspect.lpush(`${QUEUE}:wait`, id);
  }
  return id;
}

/** A signup through the web process after bad jobs: its email proves the workers kept going. Resolves to how long it took. */
export async function signupStillFlows(stack: DemoStack, web: string, email: string): Promise<number> {
  const startedAt = Date.now();
  expect((await signUp(web, { email, name: 'Still Flowing' })).status).toBe(201);
  await stack.mail.waitForMailTo(email);
  return Date.now() - startedAt;
}
