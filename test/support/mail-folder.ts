import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { TestServer } from './server.js';

/**
 * The mail a test server has sent to `address`, oldest first, read back from the .eml files the
 * embedded default writes into TRIBUNE_DATA_DIR/mail/ (sending what is due first).
 */
export async function mailsTo(server: TestServer, address: string): Promise<ParsedMail[]> {
  await server.tribune.mailDelivery.deliverDue();
  const dir = path.join(server.database.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  const mails = await Promise.all(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map(async (f) => ({ mtime: fs.statSync(path.join(dir, f)).mtimeMs, mail: await simpleParser(fs.readFileSync(path.join(dir, f))) })),
  );
  return mails
    .filter(({ mail }) => mail.to && [mail.to].flat().some((to) => to.value.some((v) => v.address?.toLowerCase() === address.toLowerCase())))
    .sort((a, b) => a.mtime - b.mtime || (a.mail.date?.getTime() ?? 0) - (b.mail.date?.getTime() ?? 0))
    .map(({ mail }) => mail);
}

/** The sign-in link in the latest sign-in mail to `address`, as a reader would copy it from the plain text. */
export async function signInLinkFor(server: TestServer, address: string): Promise<URL> {
  const mail = (await mailsTo(server, address)).at(-1);
  if (!mail) throw new Error(`No mail to ${address}`);
  const link = /https?:\/\/\S+\/sign-in\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`No sign-in link in the mail to ${address}: ${mail.text}`);
  return new URL(link);
}
