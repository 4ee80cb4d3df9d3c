import { ExpressAdapter } from '@bull-board/express';

/**
 * Bull Board's Express adapter serves the board from an Express app of its own, which announces
 * `X-Powered-By: Express` whatever the main app does; this one does not.
 */
export class BoardExpressAdapter extends ExpressAdapter {
  constructor() {
    super();
    (this.getRouter() as { disable(setting: string): unknown }).disable('x-powered-by');
  }
}
