import { boardEnabled, BOARD_ROUTE } from './board';
import { type DemoConfig, redactUrl } from './config';

/** What the web process is wired to, for its startup log: where jobs run, where mail goes. */
export function webSummary(config: DemoConfig, baseUrl: string): string[] {
  return [
    `Signup form on ${baseUrl}/`,
    config.redisUrl
      ? `Jobs: enqueued to ${redisTarget(config.redisUrl, config.redisCluster)}; run \`npm run worker\` to perform them`
      : 'Jobs: performed in this process by the async adapter (REDIS_URL is unset); queued jobs are lost on restart',
    config.smtpUrl
      ? `Mail: SMTP to ${redactUrl(config.smtpUrl)}`
      : config.production
        ? `Mail: outbox in ${config.outboxDir}; its preview (/mails) is off in production (NODE_ENV=production): set SMTP_URL to send`
        : `Mail: outbox in ${config.outboxDir}, shown on ${baseUrl}/mails`,
    boardEnabled(config)
      ? `Bull Board on ${baseUrl}${BOARD_ROUTE} (basic auth as BOARD_USER)`
      : `Bull Board: off (${config.redisUrl ? 'set BOARD_USER and BOARD_PASSWORD' : 'needs REDIS_URL, BOARD_USER and BOARD_PASSWORD'})`,
    ...integrationsSummary(config, baseUrl),
    `Database: ${config.databasePath}`,
  ];
}

export function workerSummary(config: DemoConfig & { redisUrl: string }): string[] {
  return [
    `Worker performing jobs from ${redisTarget(config.redisUrl, config.redisCluster)}`,
    config.smtpUrl ? `Mail: SMTP to ${redactUrl(config.smtpUrl)}` : `Mail: outbox in ${config.outboxDir}`,
    ...integrationsSummary(config, `http://127.0.0.1:${config.port}`),
    `Database: ${config.databasePath}`,
  ];
}

function redisTarget(redisUrl: string, cluster: boolean): string {
  return `${cluster ? 'the Redis Cluster of' : 'Redis at'} ${redactUrl(redisUrl)}`;
}

/** Where the CRM and webhook jobs send: the real services, or the fakes the web process serves on `baseUrl`. */
function integrationsSummary(config: DemoConfig, baseUrl: string): string[] {
  return [
    config.crmUrl ? `CRM: ${redactUrl(config.crmUrl)}` : `CRM: the fake CRM on ${baseUrl}/fake-crm (CRM_URL is unset)`,
    config.webhookUrl
      ? `Partner webhooks: ${redactUrl(config.webhookUrl)}`
      : `Partner webhooks: the fake partner on ${baseUrl}/fake-partner (WEBHOOK_URL is unset)`,
  ];
}
