import { BullBoardModule } from '@bull-board/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { basicAuth, type BasicAuthCredentials } from './basic-auth.middleware';
import { BoardExpressAdapter } from './board-express-adapter';
import { BoardQueues } from './board-queues';

export const BOARD_ROUTE = '/admin/queues';

/** Bull Board at /admin/queues behind basic auth; the app module imports it only when `boardEnabled(config)`. */
@Module({})
export class BoardModule {
  static register(credentials: BasicAuthCredentials): DynamicModule {
    return {
      module: BoardModule,
      imports: [BullBoardModule.forRoot({ route: BOARD_ROUTE, adapter: BoardExpressAdapter, middleware: basicAuth(credentials, 'Bull Board') })],
      providers: [BoardQueues],
    };
  }
}
