import { OpenIdProviderError, type OpenIdFlow, type OpenIdProvider } from '../adapters/openid/openid.js';
import type { ReaderAccount, ReaderAccountService } from './reader-accounts.js';
import type { OpenIdProviderSettings } from './sign-in-settings.js';
import { invalid, notFound, ServiceError } from './errors.js';
import { DEFAULT_SITE_ID, type SiteOpenIdProvider, type SiteSettings } from '../shared/site.js';

export interface ProviderChoice {
  id: string;
  name: string;
}

/** What the provider's redirect back to Tribune carried. */
export interface OpenIdCallback {
  url: URL;
  state: string | null;
  error: string | null;
}

/**
 * Signing in with an OpenID Connect provider the site chose (any, by issuer; none by default).
 * The reader's identity is the provider's issuer and subject, so a returning reader finds the same
 * account; a verified address also joins the account they made by e-mail link.
 */
export class OpenIdSignInService {
  /** Each site's own providers, made once per site and settings (discovery is kept inside each). */
  private readonly siteProviders = new Map<string, { settings: OpenIdProviderSettings; provider: OpenIdProvider }>();

  constructor(
    private readonly providers: { settings: OpenIdProviderSettings; provider: OpenIdProvider }[],
    private readonly accounts: Pick<ReaderAccountService, 'signInWithIdentity'>,
    /** What each site chose: its own providers (`openIdProviders`) replace the environment's. */
    private readonly siteSettings: (siteId: string) => SiteSettings = () => ({}),
    private readonly makeProvider: (settings: OpenIdProviderSettings) => OpenIdProvider = () => {
      throw new Error('no way to reach a site\'s own OpenID providers was given');
    },
  ) {}

  /** The site's own providers; else, on the default site, the environment's (`TRIBUNE_OPENID_…`). */
  private providersOf(siteId: string): { settings: OpenIdProviderSettings; provider: OpenIdProvider }[] {
    const own = this.siteSettings(siteId).openIdProviders;
    if (own) return own.map((chosen) => this.siteProvider(siteId, chosen));
    return siteId === DEFAULT_SITE_ID ? this.providers : [];
  }

  private siteProvider(siteId: string, chosen: SiteOpenIdProvider) {
    const settings: OpenIdProviderSettings = { id: chosen.id, name: chosen.name ?? chosen.id, issuer: chosen.issuer, clientId: chosen.clientId, clientSecret: chosen.clientSecret, scope: chosen.scope ?? 'openid email profile' };
    const key = `${siteId}\n${JSON.stringify(settings)}`;
    let found = this.siteProviders.get(key);
    if (!found) {
      found = { settings, provider: this.makeProvider(settings) };
      this.siteProviders.set(key, found);
    }
    return found;
  }

  /** The providers a site offers, in the order its settings list them. */
  choices(siteId: string): ProviderChoice[] {
    return this.providersOf(siteId).map(({ settings }) => ({ id: settings.id, name: settings.name }));
  }

  private find(siteId: string, id: string) {
    const found = this.providersOf(siteId).find((p) => p.settings.id === id);
    if (!found) throw notFound('provider_not_found', `This site offers no sign-in with "${id}".`);
    return found;
  }

  /** The provider's page to send the reader to, and what to keep until they come back. */
  async start(siteId: string, id: string, redirectUri: string): Promise<{ url: URL; flow: OpenIdFlow; name: string }> {
    const { settings, provider } = this.find(siteId, id);
    try {
      return { ...(await provider.start(redirectUri)), name: settings.name };
    } catch (error) {
      throw unreachable(settings.name, error);
    }
  }

  /** The reader's account once the provider vouched for them; refused consent and a mismatched state sign nobody in. */
  async finish(siteId: string, id: string, callback: OpenIdCallback, flow: OpenIdFlow | null): Promise<ReaderAccount> {
    const { settings, provider } = this.find(siteId, id);
    if (callback.error === 'access_denied') throw new ServiceError('unauthorized', 'consent_refused', `You chose not to sign in with ${settings.name}, so you are not signed in.`);
    if (callback.error) throw new ServiceError('unauthorized', 'provider_refused', `${settings.name} did not sign you in (${callback.error.slice(0, 100)}); you are not signed in.`);
    if (!flow) throw invalid('sign_in_expired', 'state', `This sign-in was not started here or took too long; start again from the sign-in button.`);
    if (callback.state !== flow.state) throw invalid('state_mismatch', 'state', `This answer from ${settings.name} does not belong to the sign-in started in this browser; start again from the sign-in button.`);
    let claims;
    try {
      claims = await provider.finish(callback.url, flow);
    } catch (error) {
      throw unreachable(settings.name, error);
    }
    return this.accounts.signInWithIdentity(siteId, { provider: claims.issuer, subject: claims.subject, email: claims.email, emailVerified: claims.emailVerified, name: claims.name });
  }
}

function unreachable(name: string, error: unknown): unknown {
  if (!(error instanceof OpenIdProviderError)) return error;
  // The reader gets the plain fact; what the provider said goes to the log with the cause.
  return Object.assign(new ServiceError('unavailable', 'provider_unavailable', `Signing in with ${name} did not work just now; try again later.`), { cause: error });
}
