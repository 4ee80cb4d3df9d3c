import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { DemoConfigError, demoConfig } from './config';
import { webSummary } from './startup-summary';
import { acceptJsonBodiesOnly } from './web/json-body';
import { useSecurityHeaders } from './web/security-headers';

// `npm start`: the web process on PORT (default 3000).
async function bootstrap(): Promise<void> {
  const logger = new Logger('Demo');
  const config = demoConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false, rawBody: true });
  useSecurityHeaders(app);
  acceptJsonBodiesOnly(app);
  app.enableShutdownHooks();
  await app.listen(config.port);
  for (const line of webSummary(config, `http://localhost:${config.port}`)) logger.log(line);
}

bootstrap().catch((error: Error) => {
  // A bad setting is the user's to fix: its message says how, a stack trace would only bury it.
  if (error instanceof DemoConfigError) new Logger('Demo').error(error.message);
  else new Logger('Demo').error(error.message, error.stack);
  process.exit(1);
});
