import { randomBytes } from 'node:crypto';
import type { RateLimitStore } from '../adapters/rate-limit/rate-limit.js';
import { renderMail } from '../mail/layout.js';
import type { Store } from '../store/store.js';
import type { MailService } from './mail.js';
import { ServiceError, invalid } from './errors.js';
import { cleanName, normaliseEmail, tokenHash, type ReaderAccount, type ReaderAccountService } from './reader-accounts.js';

/** A mailed link signs in once, within this time. */
export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60_000;

/**
 * How often sign-in links may be asked for. A client asking too often is told to wait; an address
 * asked for too often (by anyone) silently gets no more mail for a while, so nobody can flood an
 * inbox, and the answer stays the same as for every other address.
 */
export const SIGN_IN_LINK_LIMITS = {
  perClient: { limit: 20, windowMs: 60 * 60_000 },
  perAddress: { limit: 5, windowMs: 15 * 60_000 },
};

export interface SignInLinkRequest {
  siteId: string;
  siteName: string;
  email: string;
  /** A path on this site to come back to; `/` when absent. */
  returnTo?: string | undefined;
  /** The name a new reader gave; an existing account keeps its own. */
  name?: string | undefined;
  /** Where links point: the origin the reader asked from (protocol and host). */
  origin: string;
  /** The keyed hash of the client's address, counted against the limit. */
  client: string | null;
}

/** What following a link shows before the reader presses "Sign in". */
export interface SignInLinkView {
  email: string;
  returnTo: string;
  /** The name given when asking, offered for a new account. */
  name: string | null;
  /** The account's name when the address has one; null when signing in makes it. */
  accountName: string | null;
}

/** A same-site path: one leading slash, no scheme or host, no backslash a browser would read as one. */
export function checkReturnTo(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '/';
  const ok = raw.length <= 1000 && raw.startsWith('/') && !raw.startsWith('//') && !/[\\\s]/.test(raw);
  if (!ok) throw invalid('return_to_invalid', 'returnTo', 'returnTo must be a path on this site, such as /articles/harbour-ferry.');
  return raw;
}

/**
 * Passwordless sign-in: a link mailed to the address signs its owner in once. Asking does the same
 * work for every address (no account is looked up until the link is used), so neither the answer
 * nor its timing tells whether an address has an account.
 */
export class SignInLinkService {
  constructor(
    private readonly store: Store,
    private readonly accounts: ReaderAccountService,
    private readonly mail: MailService,
    private readonly limiter: RateLimitStore,
    private readonly rateLimits: { enabled: boolean },
    private readonly now: () => number = Date.now,
  ) {}

  async requestLink(request: SignInLinkRequest): Promise<void> {
    const email = normaliseEmail(request.email);
    const returnTo = checkReturnTo(request.returnTo);
    const name = cleanName(request.name);
    if (!(await this.withinLimits(request.siteId, email, request.client))) return;

    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const url = `${request.origin}/sign-in/${token}`;
    const content = renderMail({
      siteName: request.siteName,
      heading: `Sign in to ${request.siteName}`,
      paragraphs: [
        'Someone, probably you, asked to sign in to take part in the discussion with this e-mail address.',
        'The link works once, within 15 minutes.',
      ],
      button: { label: 'Sign in', url },
      footer: 'If you did not ask for this, ignore this mail: nobody can sign in without the link, and no account is made.',
    });
    // The link is stored with its mail: both are written, or neither.
    await this.store.transaction(async (tx) => {
      await tx.readerAccounts.insertSignInLink({
        id: tokenHash(token),
        site_id: request.siteId,
        email,
        return_to: returnTo,
        name,
        created_at: now,
        expires_at: now + SIGN_IN_LINK_LIFETIME_MS,
        used_at: null,
      });
      await this.mail.queue(tx, { siteId: request.siteId, to: email, subject: `Your sign-in link for ${request.siteName}`, text: content.text, html: content.html, kind: 'sign-in' });
    });
  }

  /** What a link would sign in to, or null when it is unknown, used, expired or another site's. */
  async preview(siteId: string, token: string): Promise<SignInLinkView | null> {
    const link = await this.store.readerAccounts.findSignInLink(tokenHash(token));
    if (!link || link.site_id !== siteId || link.used_at !== null || link.expires_at <= this.now()) return null;
    // Whoever holds the link proved the address: telling them whether it has an account is no leak.
    const account = await this.store.readerAccounts.findAccountByEmail(siteId, link.email);
    return { email: link.email, returnTo: link.return_to, name: link.name, accountName: account?.name ?? null };
  }

  /** Uses the link up and returns the account it signs in to (made now on a first sign-in), or null. */
  async useLink(siteId: string, token: string, options: { name?: string | undefined } = {}): Promise<{ account: ReaderAccount; returnTo: string } | null> {
    const id = tokenHash(token);
    const link = await this.store.readerAccounts.findSignInLink(id);
    if (!link || link.site_id !== siteId) return null;
    // Only one of two clicks racing each other gets through.
    if (!(await this.store.readerAccounts.useSignInLink(id, this.now()))) return null;
    const account = await this.accounts.signInWithVerifiedEmail(siteId, link.email, { name: cleanName(options.name) ?? link.name });
    // A good moment to forget links nobody can use any more.
    await this.store.readerAccounts.deleteSignInLinksBefore(this.now() - 86_400_000);
    return { account, returnTo: link.return_to };
  }

  private async withinLimits(siteId: string, email: string, client: string | null): Promise<boolean> {
    if (!this.rateLimits.enabled) return true;
    if (client) {
      const decision = await this.limiter.hit(`sign-in-link:${siteId}:client:${client}`, SIGN_IN_LINK_LIMITS.perClient.limit, SIGN_IN_LINK_LIMITS.perClient.windowMs);
      if (!decision.allowed) {
        const minutes = Math.ceil(decision.retryAfterMs / 60_000);
        throw new ServiceError('rate_limited', 'rate_limited', `Too many sign-in links asked for; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, decision.retryAfterMs);
      }
    }
    const perAddress = await this.limiter.hit(`sign-in-link:${siteId}:email:${email}`, SIGN_IN_LINK_LIMITS.perAddress.limit, SIGN_IN_LINK_LIMITS.perAddress.windowMs);
    return perAddress.allowed;
  }
}
