import { freePort } from '../support/free-port';
import { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { http, type HttpResponse, signUp } from './support/http';
import { waitFor } from '../support/wait-until';
import { recordResult } from './support/results';

const BOARD = { user: 'admin', password: 'board-s3cret' };
const basic = (credentials: string) => ({ Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });

// Round 2 of the adversarial run against the demo's web process: addresses and names that look like
// others or cannot be mailed, keys named after Object's built-ins, production settings, a password
// guesser on Bull Board, a full Redis, noisy client errors and missing security headers.
describe('reliability: the demo web process, round 2', () => {
  let stack: DemoStack;
  let web: { app: ChildApp; url: string };

  beforeAll(async () => {
    stack = await DemoStack.start();
    [web] = await Promise.all([stack.startWeb({ BOARD_USER: BOARD.user, BOARD_PASSWORD: BOARD.password }), stack.startWorker()]);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  const messages = (response: HttpResponse) => [response.json().message].flat().join('; ');

  it('scenario 25: emails with invisible or bidirectional characters are refused; the rest are stored normalized (NFC, IDNA domain) and duplicates are found on that form; every accepted signup is emailed', async () => {
    const refused = [
      'ada\u200b@example.com',
      'ada@exam\u2060ple.com',
      'a\u00adda@example.com',
      '\u202eada@example.com',
      'ada@example.com\u200e',
      'ada\ufeff@example.com',
    ];
    const outcomes = [];
    for (const email of refused) {
      const response = await signUp(web.url, { email, name: 'Ada' });
      outcomes.push({ email: JSON.stringify(email), status: response.status, message: messages(response) });
    }
    expect(outcomes).toEqual(
      refused.map((email) => ({ email: JSON.stringify(email), status: 400, message: 'email must not contain invisible or bidirectional control characters' })),
    );

    expect((await signUp(web.url, { email: 'ada@example.com', name: 'Ada' })).status).toBe(201);
    expect((await signUp(web.url, { email: 'ada@EXAMPLE.COM', name: 'Ada Again' })).status).toBe(409);
    expect((await signUp(web.url, { email: 'jose@Bücher.DE', name: 'José' })).status).toBe(201);
    expect(stack.findUser('jose@xn--bcher-kva.de')).toMatchObject({ email: 'jose@xn--bcher-kva.de' });
    expect((await signUp(web.url, { email: 'jose@xn--bcher-kva.de', name: 'José Again' })).status).toBe(409);
    // é composed (U+00E9) and decomposed (e + U+0301) are one address.
    expect((await signUp(web.url, { email: 'ren\u00e9@example.com', name: 'René' })).status).toBe(201);
    expect((await signUp(web.url, { email: 'rene\u0301@example.com', name: 'René Again' })).status).toBe(409);
    // The SMTP server (smtp-server) shows the envelope's IDNA domain in Unicode again.
    for (const email of ['ada@example.com', 'jose@bücher.de']) await stack.mail.waitForMailTo(email);
    await stack.waitForWelcomed('ren\u00e9@example.com');
    recordResult(25, { refused: refused.length, duplicatesOfNormalizedForm: 3, emailed: 3 });
  }, 60_000);

  it('scenario 26: names with U+0085, U+009B, U+2028, U+2029, or only invisible characters (U+200B, U+3164) are refused', async () => {
    const names: [string, string][] = [
      ['Eve\u0085Bcc', 'name must not contain line breaks or other control characters'],
      ['Eve\u009b31m', 'name must not contain line breaks or other control characters'],
      ['Eve\u2028Bcc', 'name must not contain line breaks or other control characters'],
      ['Eve\u2029Bcc', 'name must not contain line breaks or other control characters'],
      ['\u200b\u200b', 'name must not be blank'],
      ['\u3164', 'name must not be blank'],
      [' \u200b \u3164 ', 'name must not be blank'],
    ];
    const outcomes = [];
    for (const [index, [name]] of names.entries()) {
      const response = await signUp(web.url, { email: `named.${index}@example.com`, name });
      outcomes.push({
        name: JSON.stringify(name),
        status: response.status,
        message: messages(response),
        stored: stack.findUser(`named.${index}@example.com`) !== undefined,
      });
    }
    expect(outcomes).toEqual(
      names.map(([name, message]) => ({ name: JSON.stringify(name), status: 400, message: expect.stringContaining(message), stored: false })),
    );
    expect((await signUp(web.url, { email: 'named.ok@example.com', name: 'Zoë O\u2019Brien' })).status).toBe(201);
    recordResult(26, { refusedNames: names.length });
  });

  it('scenario 27: extra body keys named after Object built-ins (toString, valueOf, hasOwnProperty, __defineGetter__, ...) are refused with 400 like any unknown key', async () => {
    const keys = [
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
      '__lookupSetter__',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      'admin',
    ];
    const outcomes = [];
    for (const [index, key] of keys.entries()) {
      const email = `builtin.${index}@example.com`;
      const response = await http(web.url, 'POST', '/users', {
        headers: { 'Content-Type': 'application/json' },
        body: `{"email":"${email}","name":"Eve","${key}":"x"}`,
      });
      outcomes.push({ key, status: response.status, stored: stack.findUser(email) !== undefined });
    }
    expect(outcomes).toEqual(keys.map((key) => ({ key, status: 400, stored: false })));
    recordResult(27, { refusedKeys: keys.length });
  });

  it('scenario 28: in production the outbox preview is off and the startup log says so; without REDIS_URL the web process refuses to start, naming REDIS_URL', async () => {
    const production = await stack.startWeb({ NODE_ENV: 'production', SMTP_URL: '', WEBHOOK_SECRET: 'a-secret-of-our-own' }, { name: 'web-production' });
    try {
      // The summary's later lines may arrive a moment after the first one, which startWeb waits for.
      await production.app.waitForLog(/Mail: outbox in .*; its preview \(\/mails\) is off in production \(NODE_ENV=production\): set SMTP_URL to send/);
      expect((await signUp(production.url, { email: 'production.user@example.com', name: 'Prod' })).status).toBe(201);
      for (const path of ['/mails', '/mails/1']) expect({ path, status: (await http(production.url, 'GET', path)).status }).toEqual({ path, status: 404 });
      expect((await http(production.url, 'GET', '/')).text).not.toContain('href="/mails"');
    } finally {
      await production.app.terminate();
    }

    const withoutRedis = ChildApp.web(
      stack.env({ NODE_ENV: 'production', REDIS_URL: '', WEBHOOK_SECRET: 'a-secret-of-our-own', PORT: String(await freePort()) }),
      'web-production-no-redis',
    );
    expect(await withoutRedis.waitForExit()).toEqual({ code: 1, signal: null });
    expect(withoutRedis.log).toContain(
      "NODE_ENV is production but REDIS_URL is not set: jobs would be kept in this process's memory and lost on restart. Set REDIS_URL (e.g. redis://127.0.0.1:6379).",
    );
    expect(withoutRedis.log).not.toMatch(/^\s+at /m);
    recordResult(28, { mailsInProduction: 404, startsWithoutRedisInProduction: false });
  }, 60_000);

  it('scenario 29: Bull Board answers 429 with Retry-After after 10 wrong passwords from one client, even to the right one; a request without credentials is only challenged', async () => {
    const guesser = await stack.startWeb({ BOARD_USER: BOARD.user, BOARD_PASSWORD: BOARD.password }, { name: 'web-guessed' });
    try {
      for (let challenge = 0; challenge < 12; challenge++) expect((await http(guesser.url, 'GET', '/admin/queues')).status).toBe(401);
      const startedAt = Date.now();
      const statuses: number[] = [];
      for (let guess = 0; guess < 40; guess++) {
        statuses.push((await http(guesser.url, 'GET', '/admin/queues/api/queues', { headers: basic(`${BOARD.user}:guess-${guess}`) })).status);
      }
      const guessingMs = Date.now() - startedAt;
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(30).fill(429));
      const shutOut = await http(guesser.url, 'GET', '/admin/queues', { headers: basic(`${BOARD.user}:${BOARD.password}`) });
      expect(shutOut.status).toBe(429);
      expect(Number(shutOut.headers['retry-after'])).toBeGreaterThan(0);
      // Other clients are not shut out: the main web process still lets the right credentials in.
      expect((await http(web.url, 'GET', '/admin/queues', { headers: basic(`${BOARD.user}:${BOARD.password}`) })).status).toBe(200);
      recordResult(29, { guesses: 40, answered401: 10, answered429: 30, guessingMs });
    } finally {
      await guesser.app.terminate();
    }
  }, 60_000);

  it('scenario 30: while Redis refuses writes (maxmemory reached, noeviction), /health/redis answers 503 and readiness (/health) stays 200: a signup is accepted, and its email goes out once Redis accepts writes again', async () => {
    // The Redis probe turns 200 once its own connection is up, a moment after the web process logs that it started.
    const up = await waitFor(
      'the Redis probe after startup',
      async () => ((await http(web.url, 'GET', '/health/redis')).status === 200 ? true : undefined),
      20_000,
    );
    expect(up).toBe(true);
    await stack.inspect.config('SET', 'maxmemory-policy', 'noeviction');
    await stack.inspect.config('SET', 'maxmemory', '1');
    let redisHealth: HttpResponse;
    let readiness: HttpResponse;
    try {
      redisHealth = await http(web.url, 'GET', '/health/redis');
      readiness = await http(web.url, 'GET', '/health');
      expect((await signUp(web.url, { email: 'while.full@example.com', name: 'Full' })).status).toBe(201);
    } finally {
      await stack.inspect.config('SET', 'maxmemory', '0');
    }
    expect(redisHealth.status).toBe(503);
    expect(redisHealth.json()).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down', message: expect.stringMatching(/^Redis refuses writes: OOM command not allowed/) } },
    });
    // Readiness is about what a signup needs: the database. A full Redis is every web process's problem, not this one's.
    expect(readiness.status).toBe(200);
    expect(readiness.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up', jobsWaitingInOutbox: expect.any(Number) } } });
    // The signup's jobs waited in the outbox (the relay retries while Redis refuses them) and go out now.
    await stack.mail.waitForMailTo('while.full@example.com', 20_000);
    expect((await http(web.url, 'GET', '/health/redis')).status).toBe(200);
    recordResult(30, { redisHealthWhileFull: 503, readinessWhileFull: 200, signupWhileFull: 201, redisHealthAfter: 200 });
  });

  it('scenario 31: client errors (413, 415, malformed JSON, a refused key) are logged as one-line warnings; no ERROR, no stack trace', async () => {
    const logBefore = web.app.log.length;
    const requests: [string, number, () => Promise<HttpResponse>][] = [
      ['a 1 MB body', 413, () => signUp(web.url, { email: 'big@example.com', name: 'x'.repeat(1024 * 1024) })],
      ['a latin-1 body', 415, () => http(web.url, 'POST', '/users', { headers: { 'Content-Type': 'application/json; charset=latin1' }, body: '{}' })],
      ['malformed JSON', 400, () => http(web.url, 'POST', '/users', { headers: { 'Content-Type': 'application/json' }, body: '{"email":' })],
      ['a toString key', 400, () => http(web.url, 'POST', '/users', { headers: { 'Content-Type': 'application/json' }, body: '{"toString":1}' })],
    ];
    for (const [what, status, send] of requests) expect({ what, status: (await send()).status }).toEqual({ what, status });
    await web.app.waitForLog(/WARN.*POST \/users: 400 "toString" is not allowed as a key/);
    const written = web.app.log.slice(logBefore);
    expect(written).not.toMatch(/ERROR/);
    expect(written).not.toMatch(/^\s+at /m);
    expect(written).toMatch(/WARN.*POST \/users: 413 request entity too large/);
    expect(written).toMatch(/WARN.*POST \/users: 415 unsupported charset "LATIN1"/);
    expect(written).toMatch(/WARN.*POST \/users: 400 Unexpected end of JSON input/);
    recordResult(31, { clientErrors: requests.length, errorLines: 0, stackLines: 0 });
  });

  it("scenario 32: helmet's headers on every response, Bull Board included: nosniff, a frame policy, no X-Powered-By", async () => {
    const auth = basic(`${BOARD.user}:${BOARD.password}`);
    const responses: [string, Promise<HttpResponse>][] = [
      ['signup page', http(web.url, 'GET', '/')],
      ['API', signUp(web.url, { email: 'headers@example.com', name: 'Headers' })],
      ['health', http(web.url, 'GET', '/health')],
      ['a 404', http(web.url, 'GET', '/nowhere')],
      ['board, challenged', http(web.url, 'GET', '/admin/queues')],
      ['board', http(web.url, 'GET', '/admin/queues', { headers: auth })],
      ['board API', http(web.url, 'GET', '/admin/queues/api/queues', { headers: auth })],
    ];
    const outcomes = [];
    for (const [what, pending] of responses) {
      const { headers } = await pending;
      outcomes.push({ what, nosniff: headers['x-content-type-options'], frames: headers['x-frame-options'], poweredBy: headers['x-powered-by'] });
    }
    expect(outcomes).toEqual(responses.map(([what]) => ({ what, nosniff: 'nosniff', frames: 'SAMEORIGIN', poweredBy: undefined })));
    recordResult(32, { responsesChecked: responses.length });
  });
});
