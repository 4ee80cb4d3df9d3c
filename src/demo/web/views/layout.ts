import { html, SafeHtml } from '../../common/html';

const STYLE = `
  :root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --brand: #2f6fde; --ok: #0f7b4d; --bad: #b42318; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f5f7fa; }
  header { background: #102a43; color: #fff; padding: 14px 24px; display: flex; gap: 24px; align-items: baseline; }
  header strong { font-size: 18px; }
  header a { color: #bcccdc; text-decoration: none; }
  header a:hover { color: #fff; }
  main { max-width: 760px; margin: 32px auto; padding: 0 20px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 24px 28px; }
  h1 { font-size: 26px; margin: 0 0 6px; }
  p.lead { color: var(--muted); margin: 0 0 22px; }
  label { display: block; font-weight: 600; margin: 14px 0 6px; }
  input { width: 100%; font: inherit; padding: 10px 12px; border: 1px solid #bcccdc; border-radius: 6px; }
  input:focus { outline: 2px solid var(--brand); outline-offset: 1px; }
  button { margin-top: 20px; font: inherit; font-weight: 600; color: #fff; background: var(--brand); border: 0; border-radius: 6px; padding: 10px 20px; cursor: pointer; }
  button[disabled] { opacity: .6; cursor: wait; }
  button.secondary { display: block; margin-top: 10px; padding: 6px 14px; font-size: 14px; color: var(--brand); background: #fff; border: 1px solid var(--brand); }
  .notice { border-radius: 6px; padding: 12px 14px; margin-bottom: 18px; }
  .notice.ok { background: #e3f9e5; color: var(--ok); border: 1px solid #a7e3b5; }
  .notice.bad { background: #ffeeee; color: var(--bad); border: 1px solid #f5b5b5; }
  .notice ul { margin: 4px 0 0; padding-left: 20px; }
  .hint { color: var(--muted); font-size: 14px; margin-top: 22px; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 10px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; font-size: 14px; }
  dl { display: grid; grid-template-columns: 90px 1fr; gap: 4px 12px; margin: 0 0 18px; }
  dt { color: var(--muted); }
  dd { margin: 0; }
  pre { white-space: pre-wrap; background: #f0f4f8; padding: 14px; border-radius: 6px; }
  iframe { width: 100%; height: 320px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  [hidden] { display: none !important; }
`;

// Our own stylesheet, not user input: it goes in as is.
const STYLESHEET = new SafeHtml(STYLE);

export interface LayoutLinks {
  /** Show the outbox link (mail goes to the outbox, not SMTP). */
  outbox: boolean;
  /** Show the Bull Board link (the board is mounted). */
  board: boolean;
  /** Show the fake CRM link (CRM_URL is unset). */
  crm?: boolean;
  /** Show the fake partner link (WEBHOOK_URL is unset). */
  partner?: boolean;
}

/** The page frame shared by the signup form and the outbox pages. */
export function layout(title: string, links: LayoutLinks, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Active Job demo</title>
        <style>
          ${STYLESHEET}
        </style>
      </head>
      <body>
        <header>
          <strong>Active Job demo</strong>
          <a href="/">Sign up</a>
          ${links.outbox ? html`<a href="/mails">Outbox</a>` : ''} ${links.crm ? html`<a href="/fake-crm">CRM</a>` : ''}
          ${links.partner ? html`<a href="/fake-partner">Partner</a>` : ''} ${links.board ? html`<a href="/admin/queues">Queues</a>` : ''}
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}
