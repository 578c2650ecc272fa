import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { readModerationSettings, type ModerationSettings } from './moderation/settings.js';
import { readSignInSettings, type SignInSettings } from './services/sign-in-settings.js';
import type { SqliteSynchronous } from './store/db.js';
import { isLocale, isTimeZone } from './shared/calendar.js';

/**
 * Every setting Tribune reads, parsed and validated once at start-up.
 * Each default lets `npm start` run on a fresh machine with nothing set.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; empty means the SQLite file under dataDir. */
  databaseUrl: string | null;
  /**
   * How SQLite (WAL mode) makes commits durable. `durable` (default): SQLite's `NORMAL`, then one
   * fsync of the WAL, off the event loop, covers every commit made before it, and a write is answered
   * after it: safe against a power cut or an OS crash. `full`: SQLite fsyncs inside every COMMIT,
   * equally safe but the event loop waits for each. `normal`: no fsync until a checkpoint, so a
   * commit survives the process being killed but the last ones may be lost to a power cut.
   */
  sqliteSynchronous: SqliteSynchronous;
  /**
   * Threads that read comments for moderation (words, hate, threats, the model), beside the main
   * thread that serves HTTP and the store; 0 reads on the main thread. Each holds its own copy of
   * the vocabularies (memory). Default: one fewer than the cores, at least 1, at most 2.
   */
  moderationThreads: number;
  /** `redis://…`: live events and rate-limit counters are shared by every instance through Redis. */
  redisUrl: string | null;
  /** Starts every Redis key and channel, so several Tribunes (or tests) can share one Redis. */
  redisPrefix: string;
  live: LiveSettings;
  adminToken: string | null;
  /** Keys the IP hashes; instances behind one load balancer must share it. Unset: kept in dataDir. */
  secret: string | null;
  logLevel: string;
  /**
   * Behind a load balancer or reverse proxy: take the client address from X-Forwarded-For, so
   * rate limits count readers rather than the proxy. `on` trusts every hop; or list proxy addresses.
   */
  trustProxy: boolean | string;
  /** Seed the demo articles and discussion when the database has no articles. */
  demoContent: boolean;
  site: SiteSettings;
  funding: FundingSettings;
  /**
   * The default site's public origin (`https://news.example.org`), for links in mail. Unset: the
   * origin each request came to, which a client can choose by its Host header.
   */
  publicUrl: string | null;
  discussion: DiscussionSettings;
  rateLimits: RateLimitSettings;
  moderation: ModerationSettings;
  mail: MailSettings;
  /** Single sign-on from the host site and OpenID Connect providers (the default site's). */
  signIn: SignInSettings;
}

export interface LiveSettings {
  /** Open event streams one client address may hold at once (its tabs); more are refused with 429. */
  streamsPerClient: number;
}

export interface MailSettings {
  /** The From header of every mail: `"The Harbour Gazette" <news@example.org>`. */
  from: string;
  /** `smtp://…` or `smtps://…`: mail goes out over SMTP; unset: written as .eml files under dataDir/mail. */
  smtpUrl: string | null;
  /** Moderators and admins get a mail for each comment that waits in the moderation queue. */
  notifyModerators: boolean;
}

export interface SiteSettings {
  name: string;
  tagline: string;
}

/** Reader funding: how a site's campaign periods and amounts read, unless the site chooses its own. */
export interface FundingSettings {
  /** IANA time zone a site's months begin in: a monthly campaign resets at its midnight on the 1st. */
  timeZone: string;
  /** BCP 47 locale amounts and counts are written in ("en-US", "de-DE"). */
  locale: string;
  /** The donate page's other ways to give (bank details, links), plain text; null: none given. */
  waysToGive: string | null;
}

export interface DiscussionSettings {
  /** Deepest nesting level shown; replies below it attach to the deepest allowed level. */
  maxDepth: number;
  editWindowMinutes: number;
  requireEmail: boolean;
  minLength: number;
  maxLength: number;
  nameMaxLength: number;
  /** Discussions close to new comments this many days after they open; 0 keeps them open. */
  closeAfterDays: number;
  /** Distinct readers' reports that hide a comment until a moderator reviews it. */
  reportsToHide: number;
  /** Top-level comments per page. */
  pageSize: number;
  /** When a reader deletes their account: their comments stay, as by "a deleted reader", or are removed. */
  deletedReaderComments: 'anonymise' | 'remove';
  /** Replies shown in a branch before "Load more replies". */
  repliesShown: number;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitSettings {
  enabled: boolean;
  comments: RateLimit;
  votes: RateLimit;
  reports: RateLimit;
}

export class ConfigError extends Error {}

/** An http(s) origin without path, as links are built from it; null when unset. */
function publicOrigin(value: string | null, problems: string[]): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash) return url.origin;
  } catch {
    // reported below
  }
  problems.push('TRIBUNE_PUBLIC_URL must be an http(s) origin such as https://news.example.org, without a path');
  return null;
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = new SettingReader(env, problems);

  const discussion: DiscussionSettings = {
      maxDepth: read.int('TRIBUNE_MAX_DEPTH', 4, 1, 10),
      editWindowMinutes: read.int('TRIBUNE_EDIT_WINDOW_MINUTES', 15, 0, 60 * 24 * 30),
      requireEmail: read.flag('TRIBUNE_REQUIRE_EMAIL', false),
      minLength: read.int('TRIBUNE_COMMENT_MIN_LENGTH', 2, 1, 1000),
      maxLength: read.int('TRIBUNE_COMMENT_MAX_LENGTH', 5000, 10, 100_000),
      nameMaxLength: read.int('TRIBUNE_NAME_MAX_LENGTH', 50, 2, 200),
      closeAfterDays: read.int('TRIBUNE_CLOSE_AFTER_DAYS', 0, 0, 36_500),
      reportsToHide: read.int('TRIBUNE_REPORTS_TO_HIDE', 3, 1, 1000),
      pageSize: read.int('TRIBUNE_COMMENTS_PER_PAGE', 20, 1, 200),
      deletedReaderComments: read.oneOf('TRIBUNE_DELETED_READER_COMMENTS', 'anonymise', ['anonymise', 'remove']),
      repliesShown: read.int('TRIBUNE_REPLIES_SHOWN', 10, 1, 500),
  };
  const rateLimits: RateLimitSettings = {
      enabled: read.oneOf('TRIBUNE_RATE_LIMITS', 'on', ['on', 'off']) === 'on',
      comments: read.rate('TRIBUNE_RATE_LIMIT_COMMENTS', '5/60s'),
      votes: read.rate('TRIBUNE_RATE_LIMIT_VOTES', '60/60s'),
      reports: read.rate('TRIBUNE_RATE_LIMIT_REPORTS', '10/60s'),
  };

  const siteName = read.string('TRIBUNE_SITE_NAME', 'The Harbour Gazette');
  const config: Config = {
    port: read.int('PORT', 8080, 0, 65535),
    host: read.string('HOST', '127.0.0.1'),
    dataDir: path.resolve(read.string('TRIBUNE_DATA_DIR', './data')),
    databaseUrl: read.optional('DATABASE_URL'),
    sqliteSynchronous: read.oneOf('TRIBUNE_SQLITE_SYNCHRONOUS', 'durable', ['durable', 'full', 'normal']),
    moderationThreads: read.int('TRIBUNE_MODERATION_THREADS', Math.min(2, Math.max(1, availableParallelism() - 1)), 0, 16),
    redisUrl: read.optional('REDIS_URL'),
    redisPrefix: read.string('TRIBUNE_REDIS_PREFIX', 'tribune:'),
    live: { streamsPerClient: read.int('TRIBUNE_LIVE_STREAMS_PER_CLIENT', 8, 1, 1_000_000) },
    adminToken: read.optional('TRIBUNE_ADMIN_TOKEN'),
    secret: read.optional('TRIBUNE_SECRET'),
    logLevel: read.oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    trustProxy: read.trustProxy('TRIBUNE_TRUST_PROXY'),
    demoContent: read.flag('TRIBUNE_DEMO_CONTENT', true),
    site: {
      name: siteName,
      tagline: read.string('TRIBUNE_SITE_TAGLINE', 'Independent local news, funded by its readers'),
    },
    funding: {
      timeZone: read.string('TRIBUNE_TIME_ZONE', 'UTC'),
      locale: read.string('TRIBUNE_LOCALE', 'en-US'),
      // One line break per `\n` written in the variable.
      waysToGive: read.optional('TRIBUNE_WAYS_TO_GIVE')?.replace(/\\n/g, '\n') ?? null,
    },
    publicUrl: publicOrigin(read.optional('TRIBUNE_PUBLIC_URL'), problems),
    discussion,
    rateLimits,
    mail: {
      from: read.string('TRIBUNE_MAIL_FROM', `"${siteName.replace(/["\\]/g, '')}" <noreply@localhost>`),
      smtpUrl: read.optional('SMTP_URL'),
      notifyModerators: read.flag('TRIBUNE_NOTIFY_MODERATORS', false),
    },
    // Lengths and the comment rate are the discussion's own settings; moderation applies them.
    moderation: readModerationSettings(read, {
      minLength: discussion.minLength,
      maxLength: discussion.maxLength,
      nameMaxLength: discussion.nameMaxLength,
      rateLimitsEnabled: rateLimits.enabled,
      rate: rateLimits.comments,
    }),
    signIn: readSignInSettings(read),
  };

  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file)');
  }
  if (config.redisUrl && !/^rediss?:\/\/[^/]/.test(config.redisUrl)) {
    problems.push('REDIS_URL must be a redis:// or rediss:// URL (leave it unset to keep live events and rate limits in this process)');
  }
  if (config.mail.smtpUrl && !/^smtps?:\/\/[^/]/.test(config.mail.smtpUrl)) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL (leave it unset to write mail to the mail folder)');
  }
  if (!/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(config.mail.from)) {
    problems.push(`TRIBUNE_MAIL_FROM must be an address, with or without a name: "Gazette" <news@example.org> (got "${config.mail.from}")`);
  }
  if (!isTimeZone(config.funding.timeZone)) {
    problems.push(`TRIBUNE_TIME_ZONE must be a time zone name such as UTC or Europe/Berlin (got "${config.funding.timeZone}")`);
  }
  if (!isLocale(config.funding.locale)) {
    problems.push(`TRIBUNE_LOCALE must be a language tag such as en-US or de-DE (got "${config.funding.locale}")`);
  }
  if (config.discussion.minLength > config.discussion.maxLength) {
    problems.push('TRIBUNE_COMMENT_MIN_LENGTH must not exceed TRIBUNE_COMMENT_MAX_LENGTH');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid settings:\n  ${problems.join('\n  ')}`);
  }
  return config;
}

/** Reads `TRIBUNE_…` variables, collecting one message per bad value so all are reported at once. */
export class SettingReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | null {
    const value = this.env[name]?.trim();
    return value ? value : null;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  flag(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined || raw === null) return fallback;
    if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'off', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be on or off (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  trustProxy(name: string): boolean | string {
    const raw = this.optional(name);
    if (raw === null || ['0', 'false', 'off', 'no'].includes(raw.toLowerCase())) return false;
    if (['1', 'true', 'on', 'yes'].includes(raw.toLowerCase())) return true;
    if (/^[0-9a-fA-F.:/,\s]+$/.test(raw)) return raw;
    this.problems.push(`${name} must be on, off, or a comma-separated list of proxy addresses (got "${raw}")`);
    return false;
  }

  /** A rate written as `COUNT/WINDOW`: `5/60s`, `30/10m`, `100/1h`. */
  rate(name: string, fallback: string): RateLimit {
    const raw = this.optional(name) ?? fallback;
    const match = /^(\d+)\s*\/\s*(.+)$/.exec(raw);
    const windowMs = match ? parseDuration(match[2]!) : null;
    if (!match || windowMs === null || Number(match[1]) < 1) {
      this.problems.push(`${name} must look like 5/60s, 30/10m or 100/1h (got "${raw}")`);
      return { limit: 5, windowMs: 60_000 };
    }
    return { limit: Number(match[1]), windowMs };
  }

  /** A duration: `90s`, `10m`, `24h`, `7d`. */
  duration(name: string, fallback: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const ms = parseDuration(raw);
    if (ms === null) {
      this.problems.push(`${name} must be a duration like 90s, 10m, 24h or 7d (got "${raw}")`);
      return fallback;
    }
    return ms;
  }

  /** A share from 0 to 1. */
  ratio(name: string, fallback: number): number {
    const raw = this.optional(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      this.problems.push(`${name} must be a number from 0 to 1 (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** A comma list in `NAME`, plus one item a line from the file in `NAME_FILE` (`#` starts a comment line). */
  list(name: string): string[] {
    const inline = (this.optional(name) ?? '').split(',');
    const file = this.optional(`${name}_FILE`);
    let fromFile: string[] = [];
    if (file !== null) {
      try {
        fromFile = readFileSync(file, 'utf8').split(/\r?\n/);
      } catch (error) {
        this.problems.push(`${name}_FILE cannot be read (${(error as Error).message})`);
      }
    }
    return [...new Set([...inline, ...fromFile].map((w) => w.trim()).filter((w) => w && !w.startsWith('#')))];
  }

  problem(message: string): void {
    this.problems.push(message);
  }
}

export function parseDuration(raw: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(raw.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
