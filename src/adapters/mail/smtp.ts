import nodemailer from 'nodemailer';
import { PermanentMailFailure, type ComposedMail, type MailTransport } from './transport.js';

/** Sends over SMTP with nodemailer (`SMTP_URL`: `smtp://user:pass@host:587`, `smtps://…` for TLS from the start). */
export class SmtpTransport implements MailTransport {
  readonly description: string;
  private readonly transporter: ReturnType<typeof nodemailer.createTransport>;

  constructor(url: string) {
    // nodemailer waits up to ten minutes on a silent socket; a claim lasts five (MailDelivery's lease).
    this.transporter = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    this.description = `sent over SMTP to ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
  }

  async send(message: ComposedMail): Promise<void> {
    try {
      await this.transporter.sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw });
    } catch (error) {
      const failure = error as { code?: string; responseCode?: number; message?: string };
      // The server refused the recipient outright: the same message will be refused again.
      if (failure.code === 'EENVELOPE' && (failure.responseCode ?? 0) >= 500) throw new PermanentMailFailure(failure.message ?? 'recipient refused');
      throw error;
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
