import { DemoConfigError } from './demo-config.error';
import { duration, optional, url } from './env';

/**
 * HMAC key of the webhooks when WEBHOOK_SECRET is unset. It is in the source code, so anyone can
 * forge a signature with it: fine on a laptop, refused when NODE_ENV is production.
 */
export const DEVELOPMENT_WEBHOOK_SECRET = 'whsec_development_only_do_not_use_in_production';

const MIN_SECRET_LENGTH = 16;

/** Where the CRM and the partner are, and how the demo talks to them. */
export interface IntegrationsConfig {
  /** Set: CrmSyncJob upserts contacts under this URL. Unset: the fake CRM this demo serves at /fake-crm. */
  crmUrl: string | null;
  /** Set: PartnerWebhookJob posts events to this URL. Unset: the fake partner this demo serves at /fake-partner. */
  webhookUrl: string | null;
  /** HMAC-SHA256 key of the `X-Signature` header. */
  webhookSecret: string;
  /** Longest one CRM request may take before it is aborted (and retried). */
  crmTimeoutMs: number;
  /** Longest one webhook delivery may take before it is aborted (and retried). */
  webhookTimeoutMs: number;
}

export function integrationsConfig(env: NodeJS.ProcessEnv): IntegrationsConfig {
  return {
    crmUrl: url(env, 'CRM_URL', ['http:', 'https:']) ?? null,
    webhookUrl: url(env, 'WEBHOOK_URL', ['http:', 'https:']) ?? null,
    webhookSecret: webhookSecret(env),
    crmTimeoutMs: positive(env, 'CRM_TIMEOUT', 10_000),
    webhookTimeoutMs: positive(env, 'WEBHOOK_TIMEOUT', 10_000),
  };
}

function webhookSecret(env: NodeJS.ProcessEnv): string {
  const secret = optional(env, 'WEBHOOK_SECRET');
  const production = optional(env, 'NODE_ENV') === 'production';
  if (secret === undefined || secret === DEVELOPMENT_WEBHOOK_SECRET) {
    if (production) {
      throw new DemoConfigError(
        'WEBHOOK_SECRET must be set when NODE_ENV=production: the development default is public (it is in the source code), so anyone could sign webhooks with it',
      );
    }
    return DEVELOPMENT_WEBHOOK_SECRET;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new DemoConfigError(
      `WEBHOOK_SECRET must be at least ${MIN_SECRET_LENGTH} characters (a random string, e.g. \`openssl rand -hex 32\`), got ${secret.length}`,
    );
  }
  return secret;
}

// 0 would abort every request before it is sent.
function positive(env: NodeJS.ProcessEnv, name: string, fallbackMs: number): number {
  const value = duration(env, name, fallbackMs);
  if (value === 0) throw new DemoConfigError(`${name} must be more than 0 (every request would be aborted at once)`);
  return value;
}
