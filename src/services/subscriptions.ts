import { randomBytes } from 'node:crypto';
import { renderMail } from '../mail/layout.js';
import type { SubscriptionRow } from '../store/subscriptions.js';
import type { Store } from '../store/store.js';
import { invalid, notFound } from './errors.js';
import type { MailService } from './mail.js';
import { normaliseEmail, type ReaderAccount } from './reader-accounts.js';

export type SubscriptionKind = 'thread' | 'replies';
export type Delivery = 'now' | 'daily';

export interface SubscribeInput {
  kind: SubscriptionKind;
  email?: string;
  delivery?: Delivery;
}

export interface Subscription {
  kind: SubscriptionKind;
  delivery: Delivery;
  confirmed: boolean;
  thread: { key: string; title: string };
}

/** A guest asking again within this time is not mailed again: a form cannot be used to flood an inbox. */
const CONFIRMATION_RESEND_MS = 15 * 60_000;

export const KIND_WORDS: Record<SubscriptionKind, string> = {
  thread: 'new follow-up comments',
  replies: 'new replies to your comments',
};

/**
 * Following a thread by e-mail. A guest's address must be confirmed before anything is mailed to
 * it (double opt-in); a signed-in reader's address is already proven, so they follow at once.
 * Whoever holds a subscription's link can confirm or end it, and nothing else.
 */
export class SubscriptionService {
  constructor(
    private readonly store: Store,
    private readonly mail: MailService,
    private readonly siteName: (siteId: string) => string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `origin` is the scheme and host the reader is on: the links mailed later point there.
   * Answers `confirmed: false` for a guest (a confirmation mail is on its way, or went out a moment ago).
   */
  async subscribe(key: string, input: SubscribeInput, who: { account: ReaderAccount | null; readerId: string | null; siteId: string; origin: string }): Promise<Subscription> {
    const thread = await this.store.comments.findThreadToWrite(who.siteId, key);
    if (!thread) throw notFound('thread_not_found', `No discussion with key "${key}".`);
    const kind = input.kind;
    const delivery = input.delivery ?? 'now';
    // An account whose address is proven follows at once; one without (a provider vouched for none) confirms like a guest.
    const account = who.account?.email ? who.account : null;
    if (who.account && !account && !input.email) throw invalid('email_required', 'email', 'Your account has no e-mail address: enter the one to send notifications to.');
    const email = account?.email ?? normaliseEmail(input.email ?? '');
    const now = this.now();
    const view = (row: SubscriptionRow): Subscription => ({ kind: row.kind, delivery: row.delivery, confirmed: row.confirmed_at !== null, thread: { key: thread.key, title: thread.title } });

    return this.store.transaction(async (tx) => {
      const existing = await tx.subscriptions.find(thread.id, kind, email);
      if (account) {
        // The reader proved this address by signing in: confirmed now, whoever asked before.
        if (existing) return view(await tx.subscriptions.update(existing.id, { delivery, account_id: account.id, confirmed_at: existing.confirmed_at ?? now, origin: who.origin }));
        return view(await tx.subscriptions.insert(newRow({ siteId: who.siteId, threadId: thread.id, kind, email, accountId: account.id, readerId: who.readerId, origin: who.origin, delivery, now, confirmedAt: now })));
      }
      // A guest: the same answer whether or not the address already follows, so nobody learns who does.
      if (existing?.confirmed_at) return { ...view(existing), confirmed: false };
      if (existing && existing.confirmation_sent_at !== null && now - existing.confirmation_sent_at < CONFIRMATION_RESEND_MS) return view(existing);
      const row = existing
        ? await tx.subscriptions.update(existing.id, { confirmation_sent_at: now, delivery, origin: who.origin })
        : await tx.subscriptions.insert(newRow({ siteId: who.siteId, threadId: thread.id, kind, email, accountId: who.account?.id ?? null, readerId: who.readerId, origin: who.origin, delivery, now, confirmedAt: null }));
      await this.mail.queue(tx, this.confirmationMail(row, thread.title, this.siteName(row.site_id)));
      return view(row);
    });
  }

  /** What the confirmation and unsubscribe pages show; null when the link is unknown (or already used to leave). */
  async describe(token: string): Promise<(Subscription & { email: string }) | null> {
    const row = await this.findByToken(token);
    if (!row) return null;
    const thread = await this.store.comments.findThreadById(row.thread_id);
    if (!thread) return null;
    return { kind: row.kind, delivery: row.delivery, confirmed: row.confirmed_at !== null, thread: { key: thread.key, title: thread.title }, email: row.email };
  }

  /** The guest clicked the button on the confirmation page; true when the link was good. */
  async confirm(token: string): Promise<boolean> {
    const row = await this.findByToken(token);
    if (!row) return false;
    if (row.confirmed_at === null) await this.store.subscriptions.update(row.id, { confirmed_at: this.now() });
    return true;
  }

  /** Ends the subscription; an unknown or used link ends nothing and says so without an error. */
  async unsubscribe(token: string): Promise<boolean> {
    const row = await this.findByToken(token);
    if (!row) return false;
    return this.store.subscriptions.delete(row.id);
  }

  private async findByToken(token: string): Promise<SubscriptionRow | undefined> {
    if (!/^[A-Za-z0-9_-]{32,64}$/.test(token)) return undefined;
    return this.store.subscriptions.findByToken(token);
  }

  private confirmationMail(row: SubscriptionRow, title: string, siteName: string) {
    const url = `${row.origin}/subscriptions/${row.token}/confirm`;
    const content = renderMail({
      siteName,
      heading: 'Confirm your subscription',
      paragraphs: [
        `Someone, probably you, asked to be mailed about ${KIND_WORDS[row.kind]} in the discussion of “${title}” on ${siteName}.`,
        'Nothing will be sent until you confirm. If it was not you, ignore this mail and you will hear nothing more.',
      ],
      button: { label: 'Confirm subscription', url },
      footer: `You get this mail because this address was entered in the subscribe form of ${siteName}.`,
    });
    return { siteId: row.site_id, to: row.email, subject: `Confirm your subscription to “${title}”`, kind: 'subscription-confirmation', ...content };
  }
}

function newRow(f: { siteId: string; threadId: number; kind: SubscriptionKind; email: string; accountId: number | null; readerId: string | null; origin: string; delivery: Delivery; now: number; confirmedAt: number | null }) {
  return {
    site_id: f.siteId,
    thread_id: f.threadId,
    kind: f.kind,
    email: f.email,
    account_id: f.accountId,
    reader_id: f.readerId,
    token: randomBytes(32).toString('base64url'),
    origin: f.origin,
    delivery: f.delivery,
    confirmed_at: f.confirmedAt,
    created_at: f.now,
    confirmation_sent_at: f.confirmedAt === null ? f.now : null,
    // A daily digest's first day starts now.
    last_digest_at: f.now,
  };
}
