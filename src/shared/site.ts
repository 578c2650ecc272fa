/**
 * Every article, thread, ban, reader account, mail and setting belongs to one site. A single-site
 * install has only this one, configured from the environment; existing data migrates into it.
 */
export const DEFAULT_SITE_ID = 'default';

/** A rate a site may choose: so many in a window of milliseconds. */
export interface SiteRate {
  limit: number;
  windowMs: number;
}

/**
 * What a site may choose for itself. Every field is optional: what a site leaves out follows the
 * installation's environment settings, so a single-site install behaves as it did before sites.
 */
export interface SiteSettings {
  /** Which comments wait for a moderator before readers see them. */
  premoderation?: 'none' | 'first' | 'links' | 'all';
  /** With `first`: how many of a new commenter's comments are held. */
  premoderationFirst?: number;
  /** What happens to plain profanity and to insults aimed at another reader. */
  profanity?: 'allow' | 'hold' | 'reject';
  insults?: 'allow' | 'hold' | 'reject';
  editWindowMinutes?: number;
  maxDepth?: number;
  requireEmail?: boolean;
  /** When a reader deletes their account: their comments stay, as by "a deleted reader", or are removed. */
  deletedReaderComments?: 'anonymise' | 'remove';
  rateLimits?: { comments?: SiteRate; votes?: SiteRate; reports?: SiteRate };
  /** Single sign-on for the site's own users: the secret its host site signs payloads with (32+ characters). */
  singleSignOn?: { secret: string };
  /**
   * The OpenID Connect providers this site offers, registered with its own callback address
   * (`https://{its host}/auth/openid/{id}/callback`). Replaces the environment's list for the site.
   */
  openIdProviders?: SiteOpenIdProvider[];
  /** IANA time zone its months begin in ("Europe/Berlin"): a monthly campaign resets at its midnight on the 1st. */
  timeZone?: string;
  /** BCP 47 locale its amounts are written in ("en-US", "de-DE"). */
  locale?: string;
  /** Its donate page's other ways to give: bank details, addresses, links (plain text, blank lines between paragraphs). */
  waysToGive?: string;
}

export interface SiteOpenIdProvider {
  id: string;
  name?: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/** One publication served by this Tribune. */
export interface Site {
  /** Chosen by whoever creates it: lower-case letters, digits and hyphens ("harbour-gazette"). */
  id: string;
  name: string;
  /** Lower-case host names, without port; a request for one of them is this site's. */
  hosts: string[];
  settings: SiteSettings;
  createdAt: string;
}

/** A `Host` header as sites list it: lower-case, without the port, without a trailing dot. */
export function normaliseHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    const end = name.indexOf(']');
    name = end === -1 ? name : name.slice(0, end + 1);
  } else {
    const colon = name.lastIndexOf(':');
    if (colon !== -1 && name.indexOf(':') === colon) name = name.slice(0, colon);
  }
  return name.replace(/\.$/, '');
}
