import type { SettingReader } from '../config.js';

/** One OpenID Connect provider readers may sign in with, as the operator registered Tribune there. */
export interface OpenIdProviderSettings {
  /** Short name in the sign-in address (`/auth/openid/{id}`) and the settings' names. */
  id: string;
  /** What the sign-in button says: "Sign in with {name}". */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

export interface SignInSettings {
  singleSignOn: {
    /** Shared with the host site, which signs its users' details with it; null: single sign-on is off. */
    secret: string | null;
    /** A signed payload older than this is refused, so a copied one cannot be replayed for long. */
    maxAgeMs: number;
  };
  openIdProviders: OpenIdProviderSettings[];
}

/** HS256 wants a key at least as long as its hash (RFC 7518, 3.2). */
export const MIN_SSO_SECRET_LENGTH = 32;
export const PROVIDER_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * `TRIBUNE_SSO_SECRET` turns on single sign-on for the default site. `TRIBUNE_OPENID_PROVIDERS`
 * lists provider ids (none by default); each id `acme` reads `TRIBUNE_OPENID_ACME_ISSUER`,
 * `_CLIENT_ID`, `_CLIENT_SECRET`, and optionally `_NAME` and `_SCOPE`.
 */
export function readSignInSettings(read: SettingReader): SignInSettings {
  const secret = read.optional('TRIBUNE_SSO_SECRET');
  if (secret !== null && secret.length < MIN_SSO_SECRET_LENGTH) {
    read.problem(`TRIBUNE_SSO_SECRET must be at least ${MIN_SSO_SECRET_LENGTH} characters long (a random one: openssl rand -base64 32)`);
  }
  const openIdProviders: OpenIdProviderSettings[] = [];
  for (const id of read.list('TRIBUNE_OPENID_PROVIDERS').map((p) => p.toLowerCase())) {
    if (!PROVIDER_ID.test(id)) {
      read.problem(`TRIBUNE_OPENID_PROVIDERS: "${id}" must be lower-case letters, digits and dashes (up to 32)`);
      continue;
    }
    const prefix = `TRIBUNE_OPENID_${id.toUpperCase().replace(/-/g, '_')}`;
    const issuer = read.optional(`${prefix}_ISSUER`);
    const clientId = read.optional(`${prefix}_CLIENT_ID`);
    const clientSecret = read.optional(`${prefix}_CLIENT_SECRET`);
    const missing = [['ISSUER', issuer], ['CLIENT_ID', clientId], ['CLIENT_SECRET', clientSecret]].filter(([, v]) => v === null).map(([n]) => `${prefix}_${n}`);
    if (missing.length > 0) {
      read.problem(`TRIBUNE_OPENID_PROVIDERS names "${id}", so ${missing.join(', ')} must be set`);
      continue;
    }
    if (!isIssuerUrl(issuer!)) {
      read.problem(`${prefix}_ISSUER must be the provider's https:// address (http:// only for localhost) (got "${issuer}")`);
      continue;
    }
    openIdProviders.push({
      id,
      name: read.string(`${prefix}_NAME`, id),
      issuer: issuer!,
      clientId: clientId!,
      clientSecret: clientSecret!,
      scope: read.string(`${prefix}_SCOPE`, 'openid email profile'),
    });
  }
  return { singleSignOn: { secret, maxAgeMs: read.duration('TRIBUNE_SSO_MAX_AGE', 3_600_000) }, openIdProviders };
}

/** Plain http is only for a provider on this machine (a test or development provider). */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** An issuer Tribune will ask: https, or http only on this machine. */
export function isIssuerUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
  } catch {
    return false;
  }
}
