import type { EventBus } from '../adapters/bus/bus.js';
import type { SiteRow } from '../store/sites.js';
import type { Store } from '../store/store.js';
import { DEFAULT_SITE_ID, normaliseHost, type Site, type SiteSettings } from '../shared/site.js';
import { ServiceError, forbidden, invalid, notFound } from './errors.js';
import { staffWith, type Actor } from './actor.js';
import { MIN_SSO_SECRET_LENGTH, PROVIDER_ID, isIssuerUrl } from './sign-in-settings.js';
import { isLocale, isTimeZone } from '../shared/calendar.js';

export interface NewSiteInput {
  id: string;
  name: string;
  hosts?: string[];
  settings?: SiteSettings;
}

export interface SiteChanges {
  name?: string;
  hosts?: string[];
  /** Merged into the site's settings (JSON Merge Patch, RFC 7396): what it names changes, null removes a choice. */
  settings?: Record<string, unknown>;
}

const SITE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/;

/**
 * The sites this Tribune serves, and which one a request is for. Requests look sites up by host on
 * every call, so the directory is kept in memory and reloaded whenever any instance changes a site.
 */
export class SiteService {
  private byId = new Map<string, Site>();
  private byHost = new Map<string, Site>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    /** The default site's name when it is first written: today's `TRIBUNE_SITE_NAME`. */
    private readonly defaultName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes the default site if the database has none yet, and loads the directory. */
  async start(): Promise<void> {
    await this.store.sites.insertSite({ id: DEFAULT_SITE_ID, name: this.defaultName, hosts: '[]', settings: '{}', created_at: this.now() });
    await this.reload();
    this.unsubscribe ??= this.bus.subscribe((event) => {
      if (event.type === 'site.changed') void this.reload().catch(() => {});
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The site a `Host` header names; the default site answers every host no site lists. */
  forHost(host: string | undefined): Site {
    const site = host ? this.byHost.get(normaliseHost(host)) : undefined;
    return site ?? this.defaultSite();
  }

  defaultSite(): Site {
    return this.byId.get(DEFAULT_SITE_ID) ?? { id: DEFAULT_SITE_ID, name: this.defaultName, hosts: [], settings: {}, createdAt: new Date(0).toISOString() };
  }

  /** A site by id, from the directory; undefined for an id no site has. */
  find(id: string): Site | undefined {
    return this.byId.get(id);
  }

  async list(): Promise<Site[]> {
    return (await this.store.sites.allSites()).map(toSite);
  }

  async create(input: NewSiteInput): Promise<Site> {
    const id = input.id.trim();
    if (!SITE_ID.test(id) || id.length > 60) {
      throw invalid('site_id_invalid', 'id', 'A site id is 1 to 60 lower-case letters, digits and single hyphens, such as "second-gazette".');
    }
    const name = checkName(input.name);
    const hosts = checkHosts(input.hosts ?? []);
    const settings = checkSettings(input.settings ?? {});
    const site = await this.store.transaction(async (tx) => {
      if (await tx.sites.findSite(id)) throw new ServiceError('conflict', 'site_exists', `A site with the id "${id}" already exists.`, 'id');
      await refuseTakenHosts(tx, hosts, id);
      const row: SiteRow = { id, name, hosts: JSON.stringify(hosts), settings: JSON.stringify(settings), created_at: this.now() };
      if (!(await tx.sites.insertSite(row))) throw new ServiceError('conflict', 'site_exists', `A site with the id "${id}" already exists.`, 'id');
      return toSite(row);
    });
    await this.changed(site.id);
    return site;
  }

  /** A site as it stands, settings included: the admin token any site, a site's own admins their site. */
  async read(id: string, actor: Actor): Promise<Site> {
    mayManage(id, actor);
    const row = await this.store.sites.findSite(id);
    if (!row) throw notFound('site_not_found', `No site has the id "${id}".`);
    return toSite(row);
  }

  /** Changes a site: through the API, the admin token any site, a site's own admins their site (`actor`). */
  async update(id: string, changes: SiteChanges, actor?: Actor): Promise<Site> {
    if (actor) mayManage(id, actor);
    const patch: Partial<Pick<SiteRow, 'name' | 'hosts' | 'settings'>> = {};
    if (changes.name !== undefined) patch.name = checkName(changes.name);
    const hosts = changes.hosts === undefined ? undefined : checkHosts(changes.hosts);
    if (hosts) patch.hosts = JSON.stringify(hosts);
    const site = await this.store.transaction(async (tx) => {
      const existing = await tx.sites.findSite(id);
      if (!existing) throw notFound('site_not_found', `No site has the id "${id}".`);
      if (changes.settings !== undefined) patch.settings = JSON.stringify(checkSettings(mergePatch(JSON.parse(existing.settings), changes.settings) as SiteSettings));
      if (hosts) await refuseTakenHosts(tx, hosts, id);
      const row = Object.keys(patch).length > 0 ? await tx.sites.updateSite(id, patch) : await tx.sites.findSite(id);
      return toSite(row!);
    });
    await this.changed(site.id);
    return site;
  }

  private async changed(siteId: string): Promise<void> {
    await this.reload();
    this.bus.publish({ type: 'site.changed', siteId });
  }

  private async reload(): Promise<void> {
    const sites = await this.list();
    const byId = new Map<string, Site>();
    const byHost = new Map<string, Site>();
    for (const site of sites) {
      byId.set(site.id, site);
      for (const host of site.hosts) byHost.set(host, site);
    }
    this.byId = byId;
    this.byHost = byHost;
  }
}

/** The admin token manages every site; a site's admins only their own, from its address. */
function mayManage(siteId: string, actor: Actor): void {
  const admin = staffWith(actor, 'manageSite');
  if (admin.id !== null && actor.siteId !== siteId) throw forbidden('not_your_site', 'Admins manage their own site, from its address.');
}

/** RFC 7396: objects merge key by key, null removes a key, anything else (arrays too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const merged: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = mergePatch(merged[key], value);
  }
  return merged;
}

/**
 * What the request's schema cannot say: a secret long enough, providers Tribune can reach, each id
 * once, a time zone and locale Intl knows.
 */
function checkSettings(settings: SiteSettings): SiteSettings {
  if (settings.timeZone !== undefined && !isTimeZone(settings.timeZone)) {
    throw invalid('time_zone_invalid', 'settings.timeZone', `"${settings.timeZone}" is not a time zone name such as Europe/Berlin.`);
  }
  if (settings.locale !== undefined && !isLocale(settings.locale)) {
    throw invalid('locale_invalid', 'settings.locale', `"${settings.locale}" is not a language tag such as en-US.`);
  }
  const secret = settings.singleSignOn?.secret;
  if (secret !== undefined && secret.length < MIN_SSO_SECRET_LENGTH) {
    throw invalid('sso_secret_too_short', 'settings.singleSignOn.secret', `The single sign-on secret must be at least ${MIN_SSO_SECRET_LENGTH} characters long (a random one: openssl rand -base64 32).`);
  }
  const seen = new Set<string>();
  for (const [i, provider] of (settings.openIdProviders ?? []).entries()) {
    if (!PROVIDER_ID.test(provider.id) || seen.has(provider.id)) {
      throw invalid('provider_id_invalid', `settings.openIdProviders[${i}].id`, 'Each provider needs its own id of lower-case letters, digits and dashes (up to 32), such as "acme".');
    }
    seen.add(provider.id);
    if (!isIssuerUrl(provider.issuer)) {
      throw invalid('issuer_invalid', `settings.openIdProviders[${i}].issuer`, 'The issuer is the provider\'s https:// address (http:// only for localhost).');
    }
  }
  return settings;
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 200) throw invalid('site_name_invalid', 'name', 'A site needs a name of 1 to 200 characters.');
  return name;
}

function checkHosts(raw: string[]): string[] {
  const hosts: string[] = [];
  for (const [i, given] of raw.entries()) {
    const host = normaliseHost(given);
    if (!HOST_NAME.test(host) && !IPV6_LITERAL.test(host)) {
      throw invalid('host_invalid', `hosts[${i}]`, `"${given}" is not a host name such as news.example.org.`);
    }
    if (!hosts.includes(host)) hosts.push(host);
  }
  if (hosts.length > 50) throw invalid('too_many_hosts', 'hosts', 'A site may list at most 50 host names.');
  return hosts;
}

/** A host belongs to one site: a second claim on it is a conflict, not a silent takeover. */
async function refuseTakenHosts(tx: Store, hosts: string[], siteId: string): Promise<void> {
  for (const other of await tx.sites.allSites()) {
    if (other.id === siteId) continue;
    const taken = hosts.find((host) => (JSON.parse(other.hosts) as string[]).includes(host));
    if (taken) throw new ServiceError('conflict', 'host_taken', `The host ${taken} already belongs to the site "${other.id}".`, 'hosts');
  }
}

function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    hosts: JSON.parse(row.hosts) as string[],
    settings: JSON.parse(row.settings) as SiteSettings,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
