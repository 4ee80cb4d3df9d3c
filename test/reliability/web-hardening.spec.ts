import { join } from 'node:path';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { http, type HttpResponse, signUp } from './support/http';
import type { PrototypeReport } from './support/prototype-probe';
import { recordResult } from './support/results';

const BOARD = { user: 'admin', password: 'board-s3cret' };
const FLOOD_LIMIT = 5;

interface BadInput {
  what: string;
  /** The address a mistaken 201 would create a user for, and send to. */
  email: string;
  send: (url: string) => Promise<HttpResponse>;
}

const json =
  (body: string, contentType = 'application/json') =>
  (url: string) =>
    http(url, 'POST', '/users', { headers: { 'Content-Type': contentType }, body });

// Signups from a hostile client, the board without credentials, and a flood, against the web
// process as a child. A worker runs too, so any job a bad request managed to enqueue would really send.
describe('reliability: hostile input to the web process', () => {
  let stack: DemoStack;
  let web: { app: ChildApp; url: string };
  let flooded: { app: ChildApp; url: string };

  beforeAll(async () => {
    stack = await DemoStack.start();
    [web, flooded] = await Promise.all([
      stack.startWeb({ BOARD_USER: BOARD.user, BOARD_PASSWORD: BOARD.password }, { preload: join(__dirname, 'support', 'prototype-probe.ts') }),
      stack.startWeb({ THROTTLE_LIMIT: String(FLOOD_LIMIT), THROTTLE_TTL: '1m' }, { name: 'web-throttled' }),
      stack.startWorker(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  /** Sends each bad input, then a good signup whose email, performed after any job they queued, closes the count. */
  async function sendAll(inputs: BadInput[], sentinel: string) {
    const createdBefore = await stack.jobsCreated();
    const outcomes = [];
    for (const input of inputs) {
      const response = await input.send(web.url);
      const prototype = await web.app.ask<PrototypeReport>('prototype-report');
      outcomes.push({ what: input.what, status: response.status, prototypeChanged: prototype.changed, userStored: stack.findUser(input.email) !== undefined });
    }
    expect((await signUp(web.url, { email: sentinel, name: 'Sentinel' })).status).toBe(201);
    await stack.mail.waitForMailTo(sentinel);
    const emailsTo = (email: string) => stack.mail.mailsTo(email).length;
    return {
      outcomes: outcomes.map((outcome, index) => ({
        ...outcome,
        clientError: outcome.status >= 400 && outcome.status < 500,
        emails: emailsTo(inputs[index].email),
      })),
      jobsEnqueued: (await stack.jobsCreated()) - createdBefore - 1,
      probe: await web.app.ask<PrototypeReport>('prototype-report'),
    };
  }

  const refused = (what: string) => ({ what, clientError: true, prototypeChanged: [], userStored: false, emails: 0 });

  it('scenario 16: bad signups (CR/LF, __proto__ and constructor smuggled in the name, extra fields, 1 MB, wrong content types) get a 4xx; Object.prototype is unchanged and no email is sent', async () => {
    const inputs: BadInput[] = [
      {
        what: 'CR/LF in the name',
        email: 'crlf@example.com',
        send: json(JSON.stringify({ email: 'crlf@example.com', name: 'Eve\r\nBcc: victim@example.com' })),
      },
      { what: 'LF alone in the name', email: 'lf@example.com', send: json(JSON.stringify({ email: 'lf@example.com', name: 'Eve\nX-Injected: 1' })) },
      {
        what: '__proto__ as the name',
        email: 'proto.name@example.com',
        send: json('{"email":"proto.name@example.com","name":{"__proto__":{"polluted":"yes"}}}'),
      },
      {
        what: 'constructor.prototype as the name',
        email: 'ctor.name@example.com',
        send: json('{"email":"ctor.name@example.com","name":{"constructor":{"prototype":{"polluted":"yes"}}}}'),
      },
      { what: '__proto__ as the email', email: 'proto.email@example.com', send: json('{"email":{"__proto__":{"toString":"x"}},"name":"Eve"}') },
      { what: 'an extra field', email: 'extra@example.com', send: json(JSON.stringify({ email: 'extra@example.com', name: 'Eve', isAdmin: true })) },
      { what: 'an array body', email: 'array@example.com', send: json(JSON.stringify([{ email: 'array@example.com', name: 'Eve' }])) },
      { what: 'a 1 MB body', email: 'huge@example.com', send: json(JSON.stringify({ email: 'huge@example.com', name: 'x'.repeat(1024 * 1024) })) },
      {
        what: 'JSON sent as text/plain',
        email: 'text.plain@example.com',
        send: json(JSON.stringify({ email: 'text.plain@example.com', name: 'Eve' }), 'text/plain'),
      },
      {
        what: 'a multipart body',
        email: 'multipart@example.com',
        send: json('--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nmultipart@example.com\r\n--x--\r\n', 'multipart/form-data; boundary=x'),
      },
      { what: 'malformed JSON', email: 'malformed@example.com', send: json('{"email":"malformed@example.com","name":') },
    ];
    const result = await sendAll(inputs, 'sentinel.16@example.com');
    expect(result.outcomes).toEqual(inputs.map(({ what }) => expect.objectContaining(refused(what))));
    expect(result.outcomes.find((outcome) => outcome.what === 'a 1 MB body')?.status).toBe(413);
    expect(result.jobsEnqueued).toBe(0);
    expect(result.probe).toEqual({ changed: [], prototypeOfPrototype: 'null' });
    recordResult(16, { badInputs: inputs.length, statuses: result.outcomes.map((outcome) => outcome.status).join(','), jobsEnqueued: 0, emails: 0 });
  }, 60_000);

  // Each of these once reached 201 and a welcome email: class-validator's isEmail accepts quoted local parts
  // (even with CR/LF inside the quotes), ValidationPipe's whitelist drops __proto__ and constructor keys
  // instead of refusing them, and Nest parses url-encoded bodies by default. The demo now refuses all three.
  it('scenario 16: a quoted local-part email, top-level __proto__ and constructor keys, a url-encoded body get a 4xx and no email', async () => {
    const inputs: BadInput[] = [
      { what: 'a quoted local part', email: '"john doe"@example.com', send: json(JSON.stringify({ email: '"john doe"@example.com', name: 'Eve' })) },
      {
        what: 'CR/LF inside a quoted local part',
        email: '"eve\r\nrcpt to:<victim@example.com>"@example.com',
        send: json(JSON.stringify({ email: '"eve\r\nrcpt to:<victim@example.com>"@example.com', name: 'Eve' })),
      },
      { what: 'a __proto__ key', email: 'proto.key@example.com', send: json('{"email":"proto.key@example.com","name":"Eve","__proto__":{"polluted":"yes"}}') },
      {
        what: 'a constructor key',
        email: 'ctor.key@example.com',
        send: json('{"email":"ctor.key@example.com","name":"Eve","constructor":{"prototype":{"polluted":"yes"}}}'),
      },
      {
        what: 'a url-encoded body',
        email: 'urlencoded@example.com',
        send: json('email=urlencoded%40example.com&name=Eve', 'application/x-www-form-urlencoded'),
      },
    ];
    const result = await sendAll(inputs, 'sentinel.16b@example.com');
    expect(result.probe).toEqual({ changed: [], prototypeOfPrototype: 'null' });
    expect(result.outcomes).toEqual(inputs.map(({ what }) => expect.objectContaining(refused(what))));
  }, 60_000);

  it('scenario 17: Bull Board and its API answer 401 without or with wrong credentials, on every spelling of the path; 200 with the right ones', async () => {
    const basic = (credentials: string) => ({ Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });
    const denied: [string, string, string, Record<string, string>][] = [
      ['no credentials', 'GET', '/admin/queues', {}],
      ['a wrong password', 'GET', '/admin/queues', basic(`${BOARD.user}:wrong`)],
      ['a wrong user', 'GET', '/admin/queues', basic(`root:${BOARD.password}`)],
      ['an empty password', 'GET', '/admin/queues', basic(`${BOARD.user}:`)],
      ['the password with a suffix', 'GET', '/admin/queues', basic(`${BOARD.user}:${BOARD.password}x`)],
      ['no colon', 'GET', '/admin/queues', basic(BOARD.user + BOARD.password)],
      ['a bearer token', 'GET', '/admin/queues', { Authorization: `Bearer ${BOARD.password}` }],
      ['garbage after Basic', 'GET', '/admin/queues', { Authorization: 'Basic !!!not-base64!!!' }],
      ['the queues API', 'GET', '/admin/queues/api/queues', {}],
      ['the API with a wrong password', 'GET', '/admin/queues/api/queues', basic(`${BOARD.user}:wrong`)],
      ['a retry-all action', 'PUT', '/admin/queues/api/queues/mailers/retry/failed', {}],
      ['a clean action', 'PUT', '/admin/queues/api/queues/mailers/clean/completed', {}],
      // Express routes without regard to case or a trailing slash: the guard must cover those spellings too.
      ['the path in capitals', 'GET', '/ADMIN/QUEUES', {}],
      ['the API path in capitals', 'GET', '/Admin/Queues/api/queues', {}],
      ['a trailing slash', 'GET', '/admin/queues/', {}],
    ];
    // Spellings that reach no route at all: 404 even with the right credentials, so nothing is bypassed.
    const unrouted = ['//admin/queues/api/queues', '/admin/x/../queues/api/queues', '/admin/%71ueues/api/queues'];
    const outcomes = [];
    for (const [what, method, path, headers] of denied) {
      const response = await http(web.url, method, path, { headers });
      outcomes.push({ what, status: response.status, showsBoard: /mailers|bull-board|<div id="root"/i.test(response.text) });
    }
    expect(outcomes).toEqual(denied.map(([what]) => ({ what, status: 401, showsBoard: false })));
    const allowed = basic(`${BOARD.user}:${BOARD.password}`);
    for (const path of unrouted) {
      expect({ path, status: (await http(web.url, 'GET', path)).status }).toEqual({ path, status: 404 });
      expect({ path, status: (await http(web.url, 'GET', path, { headers: allowed })).status }).toEqual({ path, status: 404 });
    }
    const challenged = await http(web.url, 'GET', '/admin/queues');
    expect(challenged.status).toBe(401);
    expect(challenged.headers['www-authenticate']).toBe('Basic realm="Bull Board", charset="UTF-8"');

    expect((await http(web.url, 'GET', '/admin/queues', { headers: allowed })).status).toBe(200);
    const api = await http(web.url, 'GET', '/admin/queues/api/queues', { headers: allowed });
    expect(api.status).toBe(200);
    expect(api.json().queues.map((queue: { name: string }) => queue.name)).toEqual(['mailers', 'crm', 'webhooks']);
    recordResult(17, { deniedRequests: denied.length, answered401: denied.length, unroutedSpellings404: unrouted.length });
  });

  it(`scenario 18: a signup flood: past THROTTLE_LIMIT (${FLOOD_LIMIT}/min) every signup gets 429 with Retry-After, and only the allowed ones are stored and emailed`, async () => {
    const startedAt = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        // Half of them claim another client address: without a trusted proxy, that header must not open a new bucket.
        signUp(flooded.url, { email: `flood.${index}@example.com`, name: `Flood ${index}` }, index % 2 ? { 'X-Forwarded-For': `203.0.113.${index}` } : {}),
      ),
    );
    const floodMs = Date.now() - startedAt;
    const accepted = responses.filter((response) => response.status === 201);
    const throttled = responses.filter((response) => response.status === 429);
    expect(accepted).toHaveLength(FLOOD_LIMIT);
    expect(throttled).toHaveLength(30 - FLOOD_LIMIT);
    for (const response of throttled) {
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json()).toMatchObject({ statusCode: 429, message: 'Too many signups from your address: please wait a little and try again.' });
    }
    const storedEmails = Array.from({ length: 30 }, (_, index) => `flood.${index}@example.com`).filter((email) => stack.findUser(email));
    expect(storedEmails).toHaveLength(FLOOD_LIMIT);
    for (const email of storedEmails) await stack.mail.waitForMailTo(email);
    expect(stack.mail.received.filter((mail) => mail.envelopeTo[0].startsWith('flood.'))).toHaveLength(FLOOD_LIMIT);
    recordResult(18, { requests: 30, accepted: FLOOD_LIMIT, throttled: 30 - FLOOD_LIMIT, floodMs });
  });
});
