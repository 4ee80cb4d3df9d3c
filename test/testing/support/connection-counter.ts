import { createServer, type Server } from 'node:net';

/**
 * A TCP server on a free loopback port that stands where Redis should be: it counts who connects
 * and hangs up on them, so an app configured with its URL can prove it never tried Redis.
 */
export class ConnectionCounter {
  connections = 0;

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.connections++;
      socket.destroy();
    });
  }

  static async start(): Promise<ConnectionCounter> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ConnectionCounter(server);
  }

  get url(): string {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('ConnectionCounter is not listening on TCP');
    return `redis://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
