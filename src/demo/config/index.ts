export { demoConfig, type DemoConfig } from './demo-config';
export { DemoConfigError } from './demo-config.error';
export { DEMO_CONFIG, DemoConfigModule } from './demo-config.module';
export { redactUrl } from './env';
export { DEVELOPMENT_WEBHOOK_SECRET, type IntegrationsConfig } from './integrations';
export { redisConnection } from './redis-connection';
