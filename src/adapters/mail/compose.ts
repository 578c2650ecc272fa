import MailComposer from 'nodemailer/lib/mail-composer';
import type { ComposedMail } from './transport.js';

export interface MailToCompose {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** When it was queued: a resend carries the same Date as the first sending. */
  date: Date;
}

/**
 * Builds the raw message with nodemailer's own composer, so address encoding, header folding and
 * the text/HTML multipart/alternative are right whichever transport carries it.
 */
export async function composeMail(mail: MailToCompose): Promise<ComposedMail> {
  const node = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: mail.messageId,
    date: mail.date,
  }).compile();
  const envelope = node.getEnvelope();
  const raw = await node.build();
  return { messageId: mail.messageId, from: envelope.from || mail.from, to: envelope.to[0] ?? mail.to, subject: mail.subject, date: mail.date, raw };
}
