import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DemoConfig } from './demo-config';

/** Injection token of the parsed `DemoConfig`. */
export const DEMO_CONFIG = Symbol('DEMO_CONFIG');

/** Makes the one parsed `DemoConfig` injectable everywhere as `@Inject(DEMO_CONFIG)`. */
@Global()
@Module({})
export class DemoConfigModule {
  static forRoot(config: DemoConfig): DynamicModule {
    return {
      module: DemoConfigModule,
      providers: [{ provide: DEMO_CONFIG, useValue: config }],
      exports: [DEMO_CONFIG],
    };
  }
}
