import type { ReaderAccount, ReaderAccountService } from './reader-accounts.js';
import type { SignInSettings } from './sign-in-settings.js';
import { readSignedPayload } from './sso-payload.js';
import { notFound } from './errors.js';
import { DEFAULT_SITE_ID, type SiteSettings } from '../shared/site.js';

/** The identity provider name of a host site's own users. */
export const SSO_PROVIDER = 'sso';

/**
 * Single sign-on for sites that have their own users: the host site signs its user's id, name and
 * e-mail with a secret it shares with Tribune, and that user becomes a reader here, the same
 * account each time (by the host site's user id, never by a name or an address it did not verify).
 */
export class SingleSignOnService {
  constructor(
    private readonly settings: SignInSettings['singleSignOn'],
    private readonly accounts: Pick<ReaderAccountService, 'signInWithIdentity'>,
    private readonly now: () => number = Date.now,
    /** What each site chose: its own secret (`singleSignOn.secret`) over the environment's. */
    private readonly siteSettings: (siteId: string) => SiteSettings = () => ({}),
  ) {}

  /** The site's own secret; else, on the default site, `TRIBUNE_SSO_SECRET`; another site without one has it off. */
  private secretFor(siteId: string): string | null {
    return this.siteSettings(siteId).singleSignOn?.secret ?? (siteId === DEFAULT_SITE_ID ? this.settings.secret : null);
  }

  isOn(siteId: string): boolean {
    return this.secretFor(siteId) !== null;
  }

  async signIn(siteId: string, payload: string): Promise<ReaderAccount> {
    const secret = this.secretFor(siteId);
    if (secret === null) throw notFound('sso_off', 'Single sign-on is not set up on this site.');
    const user = await readSignedPayload(payload, { secret, maxAgeMs: this.settings.maxAgeMs, now: this.now() });
    return this.accounts.signInWithIdentity(siteId, { provider: SSO_PROVIDER, subject: user.id, email: user.email, emailVerified: user.emailVerified, name: user.name });
  }
}
