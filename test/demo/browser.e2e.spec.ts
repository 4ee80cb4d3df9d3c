import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort } from '../support/free-port';
import { RedisServer } from '../support/redis-server';
import { launchBrowser } from './support/browser';
import { waitFor } from '../support/wait-until';
import { scratchDir, startWebApp, startWorkerContext } from './support/web-app';

const REPO_ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(REPO_ROOT, 'test', 'artifacts');
const README_IMAGES = join(REPO_ROOT, 'docs', 'images');
const BOARD = { user: 'admin', password: 's3cret' };

// A person in a browser: the form, the outbox, the board. Screenshots go to test/artifacts/; with
// UPDATE_README_IMAGES=1 the two the README shows are copied to docs/images/ (a test run changes no committed file).
describe('The demo in Chromium', () => {
  let redis: RedisServer;
  let web: NestExpressApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  let scratch: ReturnType<typeof scratchDir>;

  const screenshot = async (name: string, { forReadme = false } = {}) => {
    const file = join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (forReadme && process.env.UPDATE_README_IMAGES === '1') copyFileSync(file, join(README_IMAGES, `${name}.png`));
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(README_IMAGES, { recursive: true });
    scratch = scratchDir();
    redis = await RedisServer.start();
    const env = {
      // The worker, without CRM_URL and WEBHOOK_URL, posts to the fake CRM and partner of the web process on PORT.
      PORT: String(await freePort()),
      REDIS_URL: redis.url,
      DATABASE_PATH: join(scratch.dir, 'demo.sqlite'),
      OUTBOX_DIR: join(scratch.dir, 'outbox'),
      BOARD_USER: BOARD.user,
      BOARD_PASSWORD: BOARD.password,
    };
    [{ app: web, url: baseUrl }, worker, browser] = await Promise.all([startWebApp(env), startWorkerContext(env), launchBrowser()]);
    context = browser.context;
    page = await context.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await worker?.close();
    await redis?.stop();
    scratch?.remove();
  }, 30_000);

  it('signs up through the form and shows the notice', async () => {
    await page.goto(baseUrl);
    await page.fill('#email', 'ada@example.com');
    await page.fill('#name', 'Ada Lovelace');
    await page.click('button[type=submit]');
    await page.locator('#notice.ok', { hasText: 'Signed up successfully!' }).waitFor();
    expect(await page.locator('#notice.ok li').allTextContents()).toEqual([
      'Queued: your welcome email (queue mailers)',
      'Queued: your contact in our CRM (queue crm)',
      'Queued: a user.signed_up event for our partner (queue webhooks)',
    ]);
    expect(await page.inputValue('#email')).toBe('');
    await screenshot('signup-form', { forReadme: true });
  });

  it('sends the welcome email again from the confirmation, and keeps the button there', async () => {
    await page.click('#resend');
    await page.locator('#notice.ok', { hasText: 'Your welcome email is on its way again.' }).waitFor();
    expect(await page.locator('#notice.ok li').allTextContents()).toEqual(['Queued: your welcome email, again (queue mailers)']);
    expect(await page.locator('#resend').isEnabled()).toBe(true);
  });

  it('shows what is wrong with the input, next to the form', async () => {
    await page.goto(baseUrl);
    await page.fill('#email', 'not an email');
    await page.fill('#name', 'Bob');
    await page.click('button[type=submit]');
    const notice = page.locator('#notice.bad');
    await notice.waitFor();
    expect(await notice.locator('li').allTextContents()).toEqual(['email must be an email address']);
    await page.fill('#email', 'ada@example.com');
    await page.click('button[type=submit]');
    await page.locator('#notice.bad', { hasText: 'ada@example.com is already signed up' }).waitFor();
    await screenshot('signup-errors');
  });

  it('lists the welcome email and the one sent again in the outbox, and shows it', async () => {
    await page.goto(`${baseUrl}/mails`);
    const links = page.getByRole('link', { name: 'Welcome, Ada Lovelace!' });
    // The worker sends them a moment after the clicks: reload until both are there.
    await waitFor('both welcome emails in the outbox page', async () => (await links.count()) === 2 || (await page.reload(), false));
    await screenshot('outbox');
    await links.first().click();
    await page.getByRole('heading', { name: 'Welcome, Ada Lovelace!' }).waitFor();
    expect(await page.locator('pre').textContent()).toContain('Hi Ada Lovelace,');
    const htmlPart = page.frameLocator('iframe[title="HTML part"]');
    expect(await htmlPart.locator('h1').textContent()).toBe('Welcome, Ada Lovelace!');
    expect(await page.locator('iframe').getAttribute('sandbox')).toBe('');
    await screenshot('welcome-email');
  });

  it('shows the contact on the fake CRM and the signed event on the fake partner, both posted by the worker', async () => {
    await page.goto(`${baseUrl}/fake-crm`);
    const contact = page.getByRole('cell', { name: 'ada@example.com' });
    await waitFor('the contact on the fake CRM page', async () => (await contact.isVisible()) || (await page.reload(), false));
    expect(await page.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      'Ada Lovelace',
      'ada@example.com',
      expect.stringMatching(/^\d+$/),
      '1 / 1',
      expect.stringContaining('UTC'),
    ]);
    await screenshot('fake-crm');
    await page.getByRole('link', { name: 'Partner' }).click();
    const event = page.getByRole('cell', { name: 'user.signed_up' });
    await waitFor('the event on the fake partner page', async () => (await event.isVisible()) || (await page.reload(), false));
    expect(await page.locator('tbody tr').first().locator('td').nth(3).textContent()).toBe('1');
    await screenshot('fake-partner');
  });

  it('keeps Bull Board behind basic auth: 401 without or with wrong credentials', async () => {
    // Through the browser's request API: a page navigation would stop at Chromium's login prompt.
    const anonymous = await context.request.get(`${baseUrl}/admin/queues`);
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()['www-authenticate']).toBe('Basic realm="Bull Board", charset="UTF-8"');
    const wrong = await context.request.get(`${baseUrl}/admin/queues/api/queues`, { headers: { Authorization: basic(BOARD.user, 'wrong') } });
    expect(wrong.status()).toBe(401);
  });

  it('renders the queues on Bull Board with the credentials', async () => {
    await page.setExtraHTTPHeaders({ Authorization: basic(BOARD.user, BOARD.password) });
    const response = await page.goto(`${baseUrl}/admin/queues/queue/mailers?status=completed`);
    expect(response?.status()).toBe(200);
    await page.getByText('mailers').first().waitFor();
    await page.getByText('WelcomeEmailJob').first().waitFor();
    await screenshot('bull-board', { forReadme: true });
    // The signup's other two queues, each with its completed job.
    for (const [queue, jobClass] of [
      ['crm', 'CrmSyncJob'],
      ['webhooks', 'PartnerWebhookJob'],
    ]) {
      expect((await page.goto(`${baseUrl}/admin/queues/queue/${queue}?status=completed`))?.status()).toBe(200);
      await page.getByText(jobClass).first().waitFor();
    }
  });
});

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
