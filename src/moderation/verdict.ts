/** The automatic moderation's vocabulary: what goes in, what comes out. */
import type { ModerationSettings } from './settings.js';

export type ModerationDecision = 'publish' | 'hold' | 'spam' | 'reject';

export interface ModerationReason {
  /** The phase that decided (or noted) this, e.g. `banned-words`. */
  phase: string;
  /** A stable machine code, e.g. `banned_word`, `rate_limited`. */
  code: string;
  /** A sentence a moderator (or, for rejections, the commenter) can read. */
  message: string;
  /** The exact text that triggered it, as written, for highlighting. */
  matched: string[];
  /** For a refusal that passes with time (rate limits): when to try again. */
  retryAfterMs?: number;
  /** The learned model's score (0 to 1) for the category it names in `code` (`model_threat` …). */
  score?: number;
}

export interface ModerationVerdict {
  decision: ModerationDecision;
  reasons: ModerationReason[];
}

/** The moderation settings a site may choose for itself (see `SiteSettings`). */
export type SiteModeration = Partial<Pick<ModerationSettings, 'rate' | 'premoderationFirst' | 'profanity' | 'insults'>>;

export type Premoderation = 'none' | 'first' | 'links' | 'all';

export interface ModerationInput {
  /** A comment body, or a display name on its own. */
  kind: 'comment' | 'name';
  /** The Markdown body, or the name. */
  text: string;
  author: { name: string; email: string | null; website: string | null; ipHash: string | null; readerId: string | null };
  isEdit: boolean;
  /** The site the comment is for: its counters (bursts, repeated text) are that site's alone. Absent: the default site. */
  siteId?: string;
  /** What the comment's site chose over the installation's settings; absent: the installation's own. */
  siteRules?: SiteModeration;
  /** `premoderation` overrides the site's setting for this article. */
  thread: { key: string; closed: boolean; premoderation?: Premoderation };
  /** This commenter's earlier comments (by e-mail or reader id). */
  history: { approved: number; rejected: number; spam: number; pending: number };
  /** Guests' form: the hidden field's value and when the form was shown (epoch ms). */
  form?: { honeypot?: string; startedAt?: number };
  /** An active ban or suspension on this commenter, looked up by the caller. */
  ban?: { reason: string; until: number | null };
  now: number;
}
