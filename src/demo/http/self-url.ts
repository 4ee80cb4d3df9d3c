import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { DEMO_CONFIG, type DemoConfig } from '../config';

/**
 * Base URL of the demo's own web process, where the fake CRM and partner are served. The web
 * process asks its own server (it may listen on a port picked at random); a worker has no server
 * and uses PORT, the web process's port.
 */
@Injectable()
export class SelfUrl {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
  ) {}

  get base(): string {
    const address = this.adapterHost.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null | undefined;
    const port = address && typeof address === 'object' ? address.port : this.config.port;
    return `http://127.0.0.1:${port}`;
  }
}
