import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ComposedMail, MailTransport } from './transport.js';

/**
 * The embedded default: each message is written, complete with its headers, as one RFC 5322 .eml
 * file in the folder, so a person or a script can open it, and a line goes to the log. The file is
 * named after the Message-ID: sending the same message again replaces it rather than adding one.
 */
export class FileOutboxTransport implements MailTransport {
  readonly description: string;

  constructor(
    private readonly dir: string,
    private readonly log: (details: object, message: string) => void,
  ) {
    this.description = `written as .eml files to ${dir}`;
  }

  async send(message: ComposedMail): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${fileStamp(message.date)}-${createHash('sha256').update(message.messageId).digest('hex').slice(0, 16)}.eml`);
    // Written aside and renamed, so a reader of the folder never sees half a message.
    const partial = `${file}.partial`;
    await fs.writeFile(partial, message.raw);
    await fs.rename(partial, file);
    this.log({ to: message.to, subject: message.subject, messageId: message.messageId, file }, `mail to ${message.to}: "${message.subject}"`);
  }

  async close(): Promise<void> {}
}

/** Sorts in the order mail was written: 2026-12-01T11-17-22-123Z. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}
