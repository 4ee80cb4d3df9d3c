import { boardEnabled } from '../board/board-enabled';
import type { DemoConfig } from '../config';
import type { LayoutLinks } from './views/layout';

/** The header links a page shows: the outbox and fakes only when they stand in for a real service, the board when mounted. */
export function pageLinks(config: DemoConfig): LayoutLinks {
  return { outbox: !config.smtpUrl && !config.production, board: boardEnabled(config), crm: !config.crmUrl, partner: !config.webhookUrl };
}
