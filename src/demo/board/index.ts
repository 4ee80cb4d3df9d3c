export { basicAuth, type BasicAuthCredentials } from './basic-auth.middleware';
export { boardEnabled } from './board-enabled';
export { BOARD_ROUTE, BoardModule } from './board.module';
