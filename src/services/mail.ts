import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { invalid } from './errors.js';

/** A mail a use case wants sent: a sign-in link, a subscription confirmation, a notification. */
export interface OutgoingMail {
  siteId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is for, kept with it: `sign-in`, `subscription-confirmation`, … */
  kind: string;
  /** Extra headers such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

// One address, no display name: what a reader types in a form, checked before it reaches a header.
const ADDRESS = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]+$/;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
// Headers the composer writes from the mail itself; a use case setting them would make two.
const OWN_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding']);

/**
 * Queues mail in the outbox. `store` is the caller's, usually a transaction: the mail is written
 * with what causes it, or not at all. The delivery worker sends it (see MailDelivery).
 */
export class MailService {
  private readonly listeners: (() => void)[] = [];
  private readonly messageIdDomain: string;

  constructor(
    from: string,
    private readonly now: () => number,
  ) {
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'tribune.invalid';
  }

  async queue(store: Store, mail: OutgoingMail): Promise<void> {
    const to = mail.to.trim();
    if (!ADDRESS.test(to) || to.length > 254) throw invalid('invalid_email', 'email', 'The e-mail address does not look right.');
    if (/[\r\n]/.test(mail.subject)) throw new Error('A mail subject is one line');
    const headers = mail.headers ?? {};
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name) || OWN_HEADERS.has(name.toLowerCase()) || /[\r\n]/.test(value)) throw new Error(`Mail header ${name} cannot be set`);
    }
    const now = this.now();
    await store.mailOutbox.insert({
      site_id: mail.siteId,
      recipient: to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: JSON.stringify(headers),
      // Assigned now, not when sending: every attempt at this mail carries the same Message-ID.
      message_id: `<${randomUUID()}@${this.messageIdDomain}>`,
      kind: mail.kind,
      next_attempt_at: now,
      created_at: now,
    });
    for (const listener of this.listeners) listener();
  }

  /** Called after each mail is queued (not committed: the worker polls too). */
  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }
}
