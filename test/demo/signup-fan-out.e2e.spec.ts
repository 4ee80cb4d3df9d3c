import type { ChildApp } from '../support/child-app';
import { DemoStack } from '../reliability/support/demo-stack';
import { signUp } from '../reliability/support/http';
import { waitFor } from '../support/wait-until';

const SIGNUPS = 100;
// Every CRM and partner answer takes this long, so each worker has requests in flight when one is killed.
const SERVICE_LATENCY_MS = 300;

const emailOf = (n: number) => `fanout-${n}@example.com`;

// The web process and two `npm run worker` processes, real Redis, SMTP, CRM and partner servers.
// One worker is SIGKILLed in the middle of 100 signups (300 jobs); the other finishes the batch.
describe('100 signups, a worker SIGKILLed mid-batch', () => {
  let stack: DemoStack;
  let web: string;
  let workers: ChildApp[];

  beforeAll(async () => {
    stack = await DemoStack.start();
    [{ url: web }, ...workers] = await Promise.all([stack.startWeb(), stack.startWorker('worker-a'), stack.startWorker('worker-b')]);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('still ends with 100 emails, 100 contacts changed once each and 100 distinct webhook events, nothing failed', async () => {
    const { crm, partner } = stack.partners;
    for (let n = 1; n <= SIGNUPS; n++) {
      crm.failNext(emailOf(n), { delayMs: SERVICE_LATENCY_MS });
      partner.failNext(emailOf(n), { delayMs: SERVICE_LATENCY_MS });
    }
    // Ten browsers signing up at once.
    const next = { n: 0 };
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let n = ++next.n; n <= SIGNUPS; n = ++next.n) {
          const response = await signUp(web, { email: emailOf(n), name: `Fan ${n}` });
          expect(response.status).toBe(201);
        }
      }),
    );

    // Mid-batch: some contacts are in, most are not.
    await waitFor('a fifth of the contacts', () => crm.contacts.size >= SIGNUPS / 5, 30_000);
    const [victim, survivor] = workers;
    const inFlightAtKill = inFlight(victim);
    expect(await victim.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crm.contacts.size).toBeLessThan(SIGNUPS);
    expect(inFlightAtKill).toBeGreaterThan(0);

    await waitFor(
      '100 contacts, 100 events and 100 emails',
      () => crm.contacts.size === SIGNUPS && partner.events.size === SIGNUPS && recipients().size === SIGNUPS,
      90_000,
      100,
    );
    await waitFor(
      'every queue to be empty',
      async () => {
        const counts = await Promise.all(['mailers', 'crm', 'webhooks'].map((queue) => queueCounts(queue)));
        return counts.every(({ wait, active, delayed }) => wait + active + delayed === 0) && counts;
      },
      30_000,
      100,
    );

    for (const queue of ['mailers', 'crm', 'webhooks']) expect((await queueCounts(queue)).failed).toBe(0);
    expect([...crm.contacts.values()].every((record) => record.changes === 1)).toBe(true);
    expect([...partner.events.keys()].every((key) => /^[\w-]{36}$/.test(key))).toBe(true);
    for (let n = 1; n <= SIGNUPS; n++) expect(stack.findUser(emailOf(n))?.welcomed_at).not.toBeNull();
    // The survivor re-ran what the victim held: repeats reached the services, and changed nothing.
    expect(survivor.log.split('\n').filter((line) => /ERROR/.test(line))).toEqual([]);
    expect(crm.requests.length + partner.requests.length).toBeGreaterThanOrEqual(2 * SIGNUPS);

    function recipients(): Set<string> {
      return new Set(stack.mail.received.flatMap((mail) => mail.envelopeTo));
    }
  }, 180_000);

  async function queueCounts(queue: string): Promise<{ wait: number; active: number; delayed: number; failed: number }> {
    const key = `bull:${queue}`;
    const [wait, active, delayed, failed] = await Promise.all([
      stack.inspect.llen(`${key}:wait`),
      stack.inspect.llen(`${key}:active`),
      stack.inspect.zcard(`${key}:delayed`),
      stack.inspect.zcard(`${key}:failed`),
    ]);
    return { wait, active, delayed, failed };
  }
});

/** Jobs a worker's log shows started and not yet finished. */
function inFlight(worker: ChildApp): number {
  const started = worker.count(/Performing \w+ \(Job ID: /);
  const finished = worker.count(/Performed \w+ \(Job ID: /);
  return started - finished;
}
