import { simpleParser } from 'mailparser';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One email of the development outbox, parsed for the preview pages. */
export interface OutboxMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: Date | null;
  text: string;
  /** The HTML part as sent: untrusted markup, to be shown escaped or sandboxed. */
  html: string | null;
  /** File names of the attachments. */
  attachments: string[];
}

// Ids are file names we made: a timestamp (so names sort by age) and random hex.
const ID_PATTERN = /^\d{13}-[0-9a-f]{8}$/;
const LIST_LIMIT = 50;

/**
 * The development mailbox: each sent email is one `.eml` file in `dir` (open it in any mail client),
 * newest last by name. `EmlOutboxTransport` writes it; the preview pages and your own read it.
 *
 * @example
 * const outbox = new EmlOutbox('var/outbox');
 * const [latest] = await outbox.list();
 * @publicApi
 */
export class EmlOutbox {
  constructor(readonly dir: string) {}

  /** Stores a raw RFC 5322 message and returns its id. */
  async save(raw: Buffer): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const id = `${Date.now()}-${randomBytes(4).toString('hex')}`;
    // Written aside then renamed, so a reader never lists a half-written file.
    const partial = join(this.dir, `.${id}.eml.partial`);
    await writeFile(partial, raw);
    await rename(partial, join(this.dir, `${id}.eml`));
    return id;
  }

  /** The latest emails (50 at most), newest first. */
  async list(): Promise<OutboxMail[]> {
    const ids = (await this.ids()).slice(-LIST_LIMIT).reverse();
    return Promise.all(ids.map((id) => this.read(id)));
  }

  /** One email by id, or null when there is no such email (or the id is not one of ours). */
  async find(id: string): Promise<OutboxMail | null> {
    if (!ID_PATTERN.test(id)) return null;
    try {
      return await this.read(id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private async ids(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      return names
        .filter((name) => name.endsWith('.eml'))
        .map((name) => name.slice(0, -4))
        .filter((id) => ID_PATTERN.test(id))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async read(id: string): Promise<OutboxMail> {
    const parsed = await simpleParser(await readFile(join(this.dir, `${id}.eml`)));
    const addresses = (value: typeof parsed.to) => (Array.isArray(value) ? value.map((a) => a.text).join(', ') : (value?.text ?? ''));
    return {
      id,
      from: parsed.from?.text ?? '',
      to: addresses(parsed.to),
      subject: parsed.subject ?? '',
      date: parsed.date ?? null,
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      attachments: parsed.attachments.map((attachment) => attachment.filename ?? '(unnamed)'),
    };
  }
}
