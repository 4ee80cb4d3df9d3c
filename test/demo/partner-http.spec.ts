import { DEVELOPMENT_WEBHOOK_SECRET, DemoConfigError, demoConfig } from '../../src/demo/config';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/demo/http';
import { signWebhook, verifyWebhookSignature } from '../../src/demo/webhooks';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');

  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 29 Nov 2026 12:00:30 GMT', 30_000],
    ['Sun, 29 Nov 2026 11:00:00 GMT', 0], // a date already past: at once
    ['86400', MAX_RETRY_AFTER_MS], // a day is taken as an hour
  ])('reads %j as %d ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([[null], [undefined], [''], ['soon'], ['-5'], ['1.5']])('gives null for %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull();
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test_0123456789abcdef';
  const body = JSON.stringify({ id: 'evt_1', type: 'user.signed_up' });
  const now = Date.parse('2026-11-29T12:00:00Z');
  const t = now / 1000;

  it('signs "t.body" with HMAC-SHA256 in the Stripe format', () => {
    // From openssl, not from our code: printf '%s' "1795953600.$body" | openssl dgst -sha256 -hmac "$secret"
    expect(signWebhook(secret, body, t)).toBe('t=1795953600,v1=9f2a5ba5603a8b042134421877c2c429aa7553cdbc89c7fa5ff71677107e954d');
  });

  it('accepts its own signature within the tolerance, and any matching v1 among several', () => {
    const header = signWebhook(secret, body, t - 60);
    expect(verifyWebhookSignature(secret, header, body, { now })).toBeNull();
    expect(verifyWebhookSignature(secret, `${header},v1=${'0'.repeat(64)}`, body, { now })).toBeNull();
  });

  it.each([
    ['a changed body', () => signWebhook(secret, body, t), `${body} `, 'signature does not match the body'],
    ['another secret', () => signWebhook('another-secret-0123456789', body, t), body, 'signature does not match the body'],
    ['an old timestamp (replay)', () => signWebhook(secret, body, t - 301), body, 'is more than 300 s from now'],
    ['no header', () => undefined, body, 'missing X-Signature header'],
    ['no timestamp', () => `v1=${'a'.repeat(64)}`, body, 'malformed X-Signature header'],
    ['no signature', () => `t=${t}`, body, 'malformed X-Signature header'],
    ['a signature that is not hex', () => `t=${t},v1=zz`, body, 'signature does not match the body'],
  ])('refuses %s', (_case, header, received, reason) => {
    expect(verifyWebhookSignature(secret, header(), received, { now })).toContain(reason);
  });
});

describe('integration settings', () => {
  it('signs with a development secret when WEBHOOK_SECRET is unset, outside production', () => {
    expect(demoConfig({}).webhookSecret).toBe(DEVELOPMENT_WEBHOOK_SECRET);
    expect(demoConfig({ NODE_ENV: 'development' }).webhookSecret).toBe(DEVELOPMENT_WEBHOOK_SECRET);
  });

  it.each([
    [{ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6380' }, 'WEBHOOK_SECRET must be set when NODE_ENV=production: the development default is public'],
    [
      { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6380', WEBHOOK_SECRET: DEVELOPMENT_WEBHOOK_SECRET },
      'WEBHOOK_SECRET must be set when NODE_ENV=production',
    ],
    [{ WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET must be at least 16 characters'],
    [{ CRM_URL: 'crm.example.com' }, 'CRM_URL must be a URL such as http://127.0.0.1, got "crm.example.com"'],
    [{ WEBHOOK_URL: 'ftp://partner.example.com' }, 'WEBHOOK_URL must start with http:// or https://, got ftp://'],
    [{ CRM_TIMEOUT: '0' }, 'CRM_TIMEOUT must be more than 0'],
    [{ WEBHOOK_TIMEOUT: 'forever' }, 'WEBHOOK_TIMEOUT must be milliseconds or a duration'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => demoConfig(env)).toThrow(DemoConfigError);
    expect(() => demoConfig(env)).toThrow(message);
  });

  it('takes a real secret in production', () => {
    expect(demoConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6380', WEBHOOK_SECRET: 'a-long-random-production-secret' }).webhookSecret).toBe(
      'a-long-random-production-secret',
    );
  });
});
