import type { SettingReader } from '../config.js';
import { CATEGORIES, type Category } from './model/categories.js';
import type { Thresholds } from './model/model.js';
import type { Premoderation } from './verdict.js';

export type SoftAction = 'allow' | 'hold' | 'reject';
export type FirmAction = 'hold' | 'reject';

export interface Window {
  limit: number;
  windowMs: number;
}

/** Every knob of the automatic moderation; `readModerationSettings` fills it from `TRIBUNE_…` variables. */
export interface ModerationSettings {
  /** Site-wide pre-moderation; an article's `thread.premoderation` overrides it. */
  premoderation: Premoderation;
  /** With `first`: how many of a new commenter's comments are held before they are trusted. */
  premoderationFirst: number;
  /** More links than this in one comment: hold. */
  maxLinks: number;
  /** Links to these domains (or their subdomains): spam. */
  blockedDomains: string[];
  /** A guest form sent sooner than this after it was shown: held for review (a paste is not spam). 0 turns the check off. */
  minFillSeconds: number;
  /** `TRIBUNE_RATE_LIMITS=off` turns off the rate and flood phases (benchmarks, bulk checks). */
  rateLimitsEnabled: boolean;
  /** Short burst per identity and per hashed IP: beyond it the comment is refused ("try again in …"). */
  rate: Window;
  /** Sustained volume per identity and per hashed IP: beyond it comments are held. */
  flood: Window;
  /** The same text again within this window (same thread, or same person anywhere): spam. */
  repeatWindowMs: number;
  /** Texts shorter than this ("+1", "Thanks!") may repeat freely. */
  repeatMinLength: number;
  minLength: number;
  maxLength: number;
  nameMaxLength: number;
  /** Approved comments after which a commenter skips the soft phases (suspect words, links, pre-moderation, spam patterns). */
  trustedAfter: number;
  /** Rejected + spam comments from which a commenter is held ... */
  distrustAfter: number;
  /** ... when they are at least this share of their decided comments. */
  distrustRatio: number;
  /** Extra banned terms (reject), on top of the built-in slurs. */
  bannedWords: string[];
  /** Extra suspect terms (hold). */
  suspectWords: string[];
  /** Terms never flagged (local names, words the lists catch by mistake). */
  allowedWords: string[];
  /** Plain profanity ("shit", "fucking"): allowed by default; heated is not hateful. */
  profanity: SoftAction;
  /** Profanity disguised to slip past lists ("$h&t", "f u c k"): held by default. */
  disguisedProfanity: SoftAction;
  /** Identity-based hate (a protected group with a derogatory, dehumanising or violent predicate). */
  hate: FirmAction;
  /** Threats and calls for violence against people ("kill you", "must die", "kys"). */
  threats: FirmAction;
  /** Insults aimed at the reader addressed ("you idiot", "fuck you"). */
  insults: SoftAction;
  /** Spam patterns ("check out my channel", "subscribe", money offers with links). */
  spamPatterns: boolean;
  /** Outside providers, all off by default (null). Akismet: the API key and the site (blog URL) it is registered for. */
  akismetKey: string | null;
  akismetSite: string | null;
  /** Base URL instead of `https://{key}.rest.akismet.com` (tests, proxies). */
  akismetUrl: string | null;
  /** Perspective API key; a score at or above the threshold on any attribute holds the comment. */
  perspectiveKey: string | null;
  perspectiveThreshold: number;
  /** Base URL instead of `https://commentanalyzer.googleapis.com` (tests, proxies). */
  perspectiveUrl: string | null;
  /** The site's own classifier, POSTed each comment; the secret signs the body (HMAC-SHA256). */
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** How long a provider may take before the comment goes on without it. */
  providerTimeoutMs: number;
  /** The learned model (`TRIBUNE_MODEL=off` turns it off). */
  model: boolean;
  /** Per category, hold and reject scores that replace the validated ones in the model file; null: never. */
  modelThresholds: Partial<Record<Category, Partial<Thresholds>>>;
}

export const defaultModerationSettings: ModerationSettings = {
  premoderation: 'none',
  premoderationFirst: 1,
  maxLinks: 2,
  blockedDomains: [],
  minFillSeconds: 3,
  rateLimitsEnabled: true,
  rate: { limit: 5, windowMs: 60_000 },
  flood: { limit: 40, windowMs: 3_600_000 },
  repeatWindowMs: 24 * 3_600_000,
  repeatMinLength: 20,
  minLength: 2,
  maxLength: 5000,
  nameMaxLength: 50,
  trustedAfter: 3,
  distrustAfter: 2,
  distrustRatio: 0.5,
  bannedWords: [],
  suspectWords: [],
  allowedWords: [],
  profanity: 'allow',
  disguisedProfanity: 'hold',
  hate: 'hold',
  threats: 'hold',
  insults: 'hold',
  spamPatterns: true,
  akismetKey: null,
  akismetSite: null,
  akismetUrl: null,
  perspectiveKey: null,
  perspectiveThreshold: 0.9,
  perspectiveUrl: null,
  webhookUrl: null,
  webhookSecret: null,
  providerTimeoutMs: 2000,
  model: true,
  modelThresholds: {},
};

export interface SettingDescription {
  variable: string;
  default: string;
  meaning: string;
}

/** The table README lists: every variable the moderation reads, its default and what it does. */
export function describeSettings(): SettingDescription[] {
  return [
    { variable: 'TRIBUNE_PREMODERATION', default: 'none', meaning: 'none, first (a new commenter\'s first N comments), links (comments with links), all: held for review. An article can override it.' },
    { variable: 'TRIBUNE_PREMODERATION_FIRST', default: '1', meaning: 'N for `first`: comments held until the commenter has N approved ones.' },
    { variable: 'TRIBUNE_MAX_LINKS', default: '2', meaning: 'More links than this in a comment: held.' },
    { variable: 'TRIBUNE_BLOCKED_DOMAINS', default: '(empty)', meaning: 'Comma list of domains; a link to one of them or a subdomain: spam.' },
    { variable: 'TRIBUNE_MIN_FILL_SECONDS', default: '3', meaning: 'A guest form sent sooner after it was shown: held for a moderator (readers paste comments written elsewhere). 0 turns it off.' },
    { variable: 'TRIBUNE_RATE_LIMITS', default: 'on', meaning: '`off` turns off the rate and flood phases (and every other per-client limit).' },
    { variable: 'TRIBUNE_RATE_LIMIT_COMMENTS', default: '5/60s', meaning: 'Burst per identity and per hashed IP; beyond it the comment is refused (429) with the wait.' },
    { variable: 'TRIBUNE_MODERATION_FLOOD', default: '40/1h', meaning: 'Sustained volume per identity and per hashed IP; beyond it comments are held.' },
    { variable: 'TRIBUNE_REPEAT_WINDOW', default: '24h', meaning: 'The same text again within this window, in the thread or by the same person: spam.' },
    { variable: 'TRIBUNE_REPEAT_MIN_LENGTH', default: '20', meaning: 'Shorter texts may repeat ("Thanks!").' },
    { variable: 'TRIBUNE_TRUSTED_AFTER', default: '3', meaning: 'Approved comments after which a commenter skips the soft phases (suspect words, disguised profanity, insults, links, spam patterns, pre-moderation).' },
    { variable: 'TRIBUNE_DISTRUST_AFTER', default: '2', meaning: 'Rejected + spam comments from which a commenter is held…' },
    { variable: 'TRIBUNE_DISTRUST_RATIO', default: '0.5', meaning: '…when they are at least this share of the commenter\'s decided comments.' },
    { variable: 'TRIBUNE_BANNED_WORDS / TRIBUNE_BANNED_WORDS_FILE', default: '(built-in slurs)', meaning: 'Extra terms (comma list, or a file with one a line): rejected, obfuscations included.' },
    { variable: 'TRIBUNE_SUSPECT_WORDS / TRIBUNE_SUSPECT_WORDS_FILE', default: '(built-in)', meaning: 'Extra terms: held.' },
    { variable: 'TRIBUNE_ALLOWED_WORDS / TRIBUNE_ALLOWED_WORDS_FILE', default: '(empty)', meaning: 'Terms never flagged (local place names, surnames).' },
    { variable: 'TRIBUNE_PROFANITY', default: 'allow', meaning: 'allow, hold or reject plain profanity ("shit", "fucking").' },
    { variable: 'TRIBUNE_DISGUISED_PROFANITY', default: 'hold', meaning: 'allow, hold or reject profanity disguised to slip past lists ("$h&t", "f u c k").' },
    { variable: 'TRIBUNE_HATE', default: 'hold', meaning: 'hold or reject identity-based hate (a protected group + a derogatory, dehumanising or violent predicate).' },
    { variable: 'TRIBUNE_THREATS', default: 'hold', meaning: 'hold or reject threats and calls for violence ("kill you", "must die", "I know where you live") and incitement to self-harm ("kys").' },
    { variable: 'TRIBUNE_INSULTS', default: 'hold', meaning: 'allow, hold or reject insults aimed at the person addressed ("you idiot", "fuck you").' },
    { variable: 'TRIBUNE_SPAM_PATTERNS', default: 'on', meaning: 'Spam patterns (self-promotion, "subscribe", money offers, link bait): spam.' },
    { variable: 'TRIBUNE_AKISMET_KEY / TRIBUNE_AKISMET_SITE', default: '(off)', meaning: 'Akismet API key and the site URL it is registered for: what Akismet calls spam is spam. The IP is not sent (Tribune keeps only its hash).' },
    { variable: 'TRIBUNE_PERSPECTIVE_KEY', default: '(off)', meaning: 'Perspective API key: a comment scoring at or above the threshold for toxicity, severe toxicity, threat or identity attack is held.' },
    { variable: 'TRIBUNE_PERSPECTIVE_THRESHOLD', default: '0.9', meaning: 'The Perspective score (0 to 1) from which a comment is held.' },
    { variable: 'TRIBUNE_MODERATION_WEBHOOK_URL', default: '(off)', meaning: 'The site\'s own classifier: POSTed each comment and name as JSON, answers `{decision, reason?}` (publish, hold, spam, reject or null).' },
    { variable: 'TRIBUNE_MODERATION_WEBHOOK_SECRET', default: '(none)', meaning: 'Signs the webhook body: `X-Tribune-Signature: sha256=<HMAC-SHA256 hex>`.' },
    { variable: 'TRIBUNE_MODEL', default: 'on', meaning: 'The learned model (src/moderation/model): per-category scores for threats, attacks on a group, insults, self-harm incitement, sexual harassment and spam. `off` leaves the rules alone.' },
    { variable: 'TRIBUNE_MODEL_<CATEGORY>_HOLD', default: '(validated, in the model file)', meaning: 'CATEGORY is THREAT, IDENTITY_ATTACK, INSULT, SELF_HARM, SEXUAL_HARASSMENT or SPAM: the score (0 to 1) from which the model holds a comment or name, or `off`.' },
    { variable: 'TRIBUNE_MODEL_<CATEGORY>_REJECT', default: '(validated, in the model file)', meaning: 'The score from which it refuses one (spam: marks it spam), or `off`.' },
    { variable: 'TRIBUNE_PROVIDER_TIMEOUT_MS', default: '2000', meaning: 'How long a provider may take; on a timeout, an error or an unreadable answer the comment goes on without it (counted, never blocked).' },
  ];
}

/** The settings moderation shares with the discussion: read once there, applied here. */
export type SharedSettings = Pick<ModerationSettings, 'minLength' | 'maxLength' | 'nameMaxLength' | 'rateLimitsEnabled' | 'rate'>;

/** Reads the moderation settings; the reader collects one message naming the variable for each bad value. */
export function readModerationSettings(read: SettingReader, shared: SharedSettings): ModerationSettings {
  const d = defaultModerationSettings;
  const domains = read.list('TRIBUNE_BLOCKED_DOMAINS').map((x) => x.toLowerCase().replace(/^\*?\./, ''));
  for (const domain of domains) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) read.problem(`TRIBUNE_BLOCKED_DOMAINS: "${domain}" is not a domain name`);
  }
  const url = (name: string): string | null => {
    const raw = read.optional(name);
    if (raw === null) return null;
    const ok = URL.canParse(raw) && ['http:', 'https:'].includes(new URL(raw).protocol);
    if (!ok) read.problem(`${name} must be an http(s) URL (got "${raw}")`);
    return ok ? raw : null;
  };
  const akismetKey = read.optional('TRIBUNE_AKISMET_KEY');
  const akismetSite = url('TRIBUNE_AKISMET_SITE');
  if ((akismetKey === null) !== (read.optional('TRIBUNE_AKISMET_SITE') === null)) read.problem('TRIBUNE_AKISMET_KEY and TRIBUNE_AKISMET_SITE go together: set both or neither');
  const flood = read.rate('TRIBUNE_MODERATION_FLOOD', `${d.flood.limit}/${d.flood.windowMs / 60_000}m`);
  return {
    ...shared,
    premoderation: read.oneOf<Premoderation>('TRIBUNE_PREMODERATION', d.premoderation, ['none', 'first', 'links', 'all']),
    premoderationFirst: read.int('TRIBUNE_PREMODERATION_FIRST', d.premoderationFirst, 1, 1000),
    maxLinks: read.int('TRIBUNE_MAX_LINKS', d.maxLinks, 0, 1000),
    blockedDomains: domains,
    minFillSeconds: read.int('TRIBUNE_MIN_FILL_SECONDS', d.minFillSeconds, 0, 3600),
    flood,
    repeatWindowMs: read.duration('TRIBUNE_REPEAT_WINDOW', d.repeatWindowMs),
    repeatMinLength: read.int('TRIBUNE_REPEAT_MIN_LENGTH', d.repeatMinLength, 0, 100_000),
    trustedAfter: read.int('TRIBUNE_TRUSTED_AFTER', d.trustedAfter, 1, 100_000),
    distrustAfter: read.int('TRIBUNE_DISTRUST_AFTER', d.distrustAfter, 1, 100_000),
    distrustRatio: read.ratio('TRIBUNE_DISTRUST_RATIO', d.distrustRatio),
    bannedWords: read.list('TRIBUNE_BANNED_WORDS'),
    suspectWords: read.list('TRIBUNE_SUSPECT_WORDS'),
    allowedWords: read.list('TRIBUNE_ALLOWED_WORDS'),
    profanity: read.oneOf<SoftAction>('TRIBUNE_PROFANITY', d.profanity, ['allow', 'hold', 'reject']),
    disguisedProfanity: read.oneOf<SoftAction>('TRIBUNE_DISGUISED_PROFANITY', d.disguisedProfanity, ['allow', 'hold', 'reject']),
    hate: read.oneOf<FirmAction>('TRIBUNE_HATE', d.hate, ['hold', 'reject']),
    threats: read.oneOf<FirmAction>('TRIBUNE_THREATS', d.threats, ['hold', 'reject']),
    insults: read.oneOf<SoftAction>('TRIBUNE_INSULTS', d.insults, ['allow', 'hold', 'reject']),
    spamPatterns: read.flag('TRIBUNE_SPAM_PATTERNS', d.spamPatterns),
    akismetKey,
    akismetSite,
    akismetUrl: url('TRIBUNE_AKISMET_URL'),
    perspectiveKey: read.optional('TRIBUNE_PERSPECTIVE_KEY'),
    perspectiveThreshold: read.ratio('TRIBUNE_PERSPECTIVE_THRESHOLD', d.perspectiveThreshold),
    perspectiveUrl: url('TRIBUNE_PERSPECTIVE_URL'),
    webhookUrl: url('TRIBUNE_MODERATION_WEBHOOK_URL'),
    webhookSecret: read.optional('TRIBUNE_MODERATION_WEBHOOK_SECRET'),
    providerTimeoutMs: read.int('TRIBUNE_PROVIDER_TIMEOUT_MS', d.providerTimeoutMs, 50, 60_000),
    model: read.flag('TRIBUNE_MODEL', d.model),
    modelThresholds: readModelThresholds(read),
  };
}

/** `TRIBUNE_MODEL_THREAT_HOLD=0.7`, `TRIBUNE_MODEL_SPAM_REJECT=off`: only what is set overrides the model file. */
function readModelThresholds(read: SettingReader): ModerationSettings['modelThresholds'] {
  const out: ModerationSettings['modelThresholds'] = {};
  for (const category of CATEGORIES) {
    for (const level of ['hold', 'reject'] as const) {
      const name = `TRIBUNE_MODEL_${category.toUpperCase()}_${level.toUpperCase()}`;
      const raw = read.optional(name);
      if (raw === null) continue;
      const value = raw.trim().toLowerCase() === 'off' ? null : Number(raw);
      if (value !== null && (!/^\s*(?:0|1|0?\.\d+|1\.0*)\s*$/.test(raw) || !(value >= 0 && value <= 1))) {
        read.problem(`${name} must be a score from 0 to 1, or off (got "${raw}")`);
        continue;
      }
      (out[category] ??= {})[level] = value;
    }
  }
  return out;
}

