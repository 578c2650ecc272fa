import { createHash, randomBytes } from 'node:crypto';
import type { ReaderAccountRow } from '../store/reader-accounts.js';
import type { Store } from '../store/store.js';
import { invalid } from './errors.js';

/** A reader who signed in: by e-mail link, the host site's single sign-on, or an OpenID provider. */
export interface ReaderAccount {
  id: number;
  siteId: string;
  name: string;
  /** Only ever an address the reader proved is theirs; null when the provider vouched for none. Never shown to others. */
  email: string | null;
  createdAt: number;
}

/** What another system says about the person signing in. */
export interface VouchedIdentity {
  /** `sso` for the host site's signed payload; the issuer URL for OpenID Connect. */
  provider: string;
  /** The person's id at that provider; stable across their sign-ins. */
  subject: string;
  email?: string | null;
  /** Only a verified address can find an existing account or be stored on a new one. */
  emailVerified: boolean;
  name?: string | null;
}

/** A reader's browser session lasts this long after its last use. */
export const READER_SESSION_LIFETIME_MS = 90 * 24 * 3_600_000;
/** Sliding the expiry writes to the database; once an hour per session is plenty. */
const TOUCH_EVERY_MS = 3_600_000;
export const NAME_MAX_LENGTH = 80;
const EMAIL = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]+$/;

/** Stored session ids are SHA-256 of the cookie's token, so a copy of the database signs nobody in. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length === 0) throw invalid('email_required', 'email', 'Enter your e-mail address.');
  if (email.length > 254 || !EMAIL.test(email)) throw invalid('email_invalid', 'email', 'Enter a valid e-mail address, such as name@example.org.');
  return email;
}

/** A name as readers will see it: one line, no invisible characters, trimmed; null when nothing is left. */
export function cleanName(raw: string | null | undefined): string | null {
  // eslint-disable-next-line no-control-regex
  const name = (raw ?? '').normalize('NFC').replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  if (name.length === 0) return null;
  return [...name].slice(0, NAME_MAX_LENGTH).join('');
}

/**
 * Reader accounts and their sessions. An account is made on its first sign-in: whoever proves an
 * address (the mailed link, a provider that verified it) is that address's reader on this site.
 */
export class ReaderAccountService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account of the address the reader just proved is theirs, made now if it is their first sign-in. */
  async signInWithVerifiedEmail(siteId: string, rawEmail: string, options: { name?: string | null } = {}): Promise<ReaderAccount> {
    const email = normaliseEmail(rawEmail);
    const existing = await this.store.readerAccounts.findAccountByEmail(siteId, email);
    if (existing) return toAccount(existing.email_verified_at === null ? await this.store.readerAccounts.updateAccount(existing.id, { email_verified_at: this.now() }) : existing);
    return toAccount(await this.createAccount(siteId, { email, name: cleanName(options.name) }, async () => this.store.readerAccounts.findAccountByEmail(siteId, email)));
  }

  /**
   * The account another system vouches for. A returning identity finds its account; a new one with
   * a verified address joins the account of that address, so signing in by link and by provider
   * are the same reader; otherwise a new account is made. An unverified address is not stored:
   * it could be anyone's.
   */
  async signInWithIdentity(siteId: string, identity: VouchedIdentity): Promise<ReaderAccount> {
    const provider = identity.provider.trim();
    const subject = identity.subject.trim();
    if (!provider) throw invalid('provider_required', 'provider', 'The identity names no provider.');
    if (!subject) throw invalid('subject_required', 'subject', 'The identity has no subject (the user id at the provider).');
    const known = await this.store.readerAccounts.findAccountByIdentity(siteId, provider, subject);
    if (known) return toAccount(known);

    const email = identity.emailVerified && identity.email ? normaliseEmail(identity.email) : null;
    const name = cleanName(identity.name);
    const now = this.now();
    try {
      return await this.store.transaction(async (tx) => {
        let account = email ? await tx.readerAccounts.findAccountByEmail(siteId, email) : undefined;
        if (account && account.email_verified_at === null) account = await tx.readerAccounts.updateAccount(account.id, { email_verified_at: now });
        account ??= await this.insertAccount(tx, siteId, { email, name });
        await tx.readerAccounts.insertIdentity({ site_id: siteId, provider, subject, account_id: account.id, created_at: now });
        return toAccount(account);
      });
    } catch (error) {
      // Two first sign-ins at once: the other one made the account and identity; use theirs.
      const made = await this.store.readerAccounts.findAccountByIdentity(siteId, provider, subject);
      if (made) return toAccount(made);
      throw error;
    }
  }

  async findAccount(siteId: string, id: number): Promise<ReaderAccount | null> {
    const row = await this.store.readerAccounts.findAccount(siteId, id);
    return row ? toAccount(row) : null;
  }

  /** A new session for the account; the token goes in the reader's cookie and is stored only hashed. */
  async startSession(account: ReaderAccount): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + READER_SESSION_LIFETIME_MS;
    await this.store.readerAccounts.insertSession({ id: tokenHash(token), site_id: account.siteId, account_id: account.id, created_at: now, expires_at: expiresAt, last_seen_at: now });
    return { token, expiresAt };
  }

  /** The signed-in reader for a session token on this site, or null when it is unknown, expired or another site's. */
  async sessionFor(siteId: string, token: string): Promise<ReaderAccount | null> {
    if (!token) return null;
    const id = tokenHash(token);
    const found = await this.store.readerAccounts.findSession(id);
    if (!found || found.session.site_id !== siteId) return null;
    const now = this.now();
    if (found.session.expires_at <= now) {
      await this.store.readerAccounts.deleteSession(id);
      return null;
    }
    if (now - found.session.last_seen_at >= TOUCH_EVERY_MS) await this.store.readerAccounts.touchSession(id, now, now + READER_SESSION_LIFETIME_MS);
    return toAccount(found.account);
  }

  async endSession(token: string): Promise<void> {
    if (token) await this.store.readerAccounts.deleteSession(tokenHash(token));
    // Signing out is rare; a good moment to drop sessions nobody will use again.
    await this.store.readerAccounts.deleteExpiredSessions(this.now());
  }

  private async createAccount(
    siteId: string,
    fields: { email: string | null; name: string | null },
    findRacing: () => Promise<ReaderAccountRow | undefined>,
  ): Promise<ReaderAccountRow> {
    try {
      return await this.store.transaction((tx) => this.insertAccount(tx, siteId, fields));
    } catch (error) {
      // The same address signing in twice at once: the unique (site, e-mail) kept one account.
      const made = await findRacing();
      if (made) return made;
      throw error;
    }
  }

  /** Until they choose a name, a reader is "Reader N": their e-mail is never shown, not even its first half. */
  private async insertAccount(tx: Store, siteId: string, fields: { email: string | null; name: string | null }): Promise<ReaderAccountRow> {
    const now = this.now();
    const row = await tx.readerAccounts.insertAccount({
      site_id: siteId,
      email: fields.email,
      email_verified_at: fields.email ? now : null,
      name: fields.name ?? 'Reader',
      created_at: now,
      deleted_at: null,
    });
    return fields.name ? row : tx.readerAccounts.updateAccount(row.id, { name: `Reader ${row.id}` });
  }
}

export function toAccount(row: ReaderAccountRow): ReaderAccount {
  return { id: row.id, siteId: row.site_id, name: row.name, email: row.email, createdAt: row.created_at };
}
