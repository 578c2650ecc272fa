import type { ModerationPipeline } from '../moderation/pipeline.js';
import type { ModerationReason, ModerationVerdict, SiteModeration } from '../moderation/verdict.js';
import type { CommentStatus, ThreadRow } from '../store/comments.js';
import type { Store } from '../store/store.js';
import type { BanService } from './bans.js';
import type { GuestIdentity } from './comment-input.js';
import type { Actor } from './actor.js';
import { ServiceError } from './errors.js';
import type { SiteSettings } from '../shared/site.js';

export interface JudgedComment {
  status: Extract<CommentStatus, 'published' | 'pending' | 'spam'>;
  reasons: ModerationReason[];
}

/**
 * Reputation is judged on the reader's latest comments, so a long-standing commenter costs no more
 * to check than a new one, and an old record neither shields nor condemns forever.
 */
export const REPUTATION_WINDOW = 200;

const statusOf = { publish: 'published', hold: 'pending', spam: 'spam' } as const;

/**
 * Runs a new or edited comment, and the name it is posted under, through the moderation
 * pipeline. A refusal becomes an error the commenter reads; anything else becomes the status
 * the comment is stored with. Staff are not moderated.
 */
export class CommentJudge {
  constructor(
    private readonly store: Store,
    private readonly pipeline: ModerationPipeline,
    private readonly bans: BanService,
    private readonly now: () => number,
    /** What each site chose; its pre-moderation applies where an article sets none of its own. */
    private readonly siteSettings: (siteId: string) => SiteSettings = () => ({}),
  ) {}

  async judge(args: {
    thread: ThreadRow;
    /** Closed by staff or by age: decided by the comment service. */
    closed: boolean;
    text: string;
    guest: GuestIdentity;
    actor: Actor;
    isEdit: boolean;
    form?: { honeypot?: string; elapsedMs?: number };
  }): Promise<JudgedComment> {
    if (args.actor.staff) return { status: 'published', reasons: [] };
    const now = this.now();
    // A track record follows what is verified: the browser's reader cookie (a signed-in reader's account is banned as such),
    // never the e-mail typed into the form, which anyone can type.
    const author = { email: args.guest.email, ipHash: args.actor.ipHash, readerId: args.actor.readerId, accountId: args.actor.account?.id ?? null };
    const readerId = args.actor.readerId;
    const [counts, ban] = await Promise.all([readerId ? this.store.comments.recentStatusCounts(args.thread.site_id, readerId, REPUTATION_WINDOW) : Promise.resolve<Partial<Record<CommentStatus, number>>>({}), this.bans.banOn(args.thread.site_id, author)]);
    const history = { approved: counts.published ?? 0, rejected: counts.rejected ?? 0, spam: counts.spam ?? 0, pending: counts.pending ?? 0 };
    const chosen = this.siteSettings(args.thread.site_id);
    const premoderation = args.thread.premoderation ?? chosen.premoderation;
    const siteRules = moderationChoices(chosen);
    const base = {
      author: { ...args.guest, ipHash: args.actor.ipHash, readerId: args.actor.readerId },
      isEdit: args.isEdit,
      siteId: args.thread.site_id,
      ...(siteRules ? { siteRules } : {}),
      thread: { key: args.thread.key, closed: args.closed, ...(premoderation ? { premoderation } : {}) },
      history,
      ...(ban ? { ban } : {}),
      now,
    };
    let name: ModerationVerdict | undefined;
    if (!args.isEdit) {
      name = await this.pipeline.check({ ...base, kind: 'name', text: args.guest.name });
      if (name.decision === 'reject') throw refusal(name, 'name');
    }
    const form = args.form
      ? { ...(args.form.honeypot !== undefined ? { honeypot: args.form.honeypot } : {}), ...(args.form.elapsedMs !== undefined ? { startedAt: now - args.form.elapsedMs } : {}) }
      : undefined;
    const verdict = await this.pipeline.check({ ...base, kind: 'comment', text: args.text, ...(form ? { form } : {}) });
    if (verdict.decision === 'reject') throw refusal(verdict, 'body');
    // A name that advertises makes the comment spam, whatever the text (a name that threatens
    // or hates was refused above); the name's reason comes first.
    if (name?.decision === 'spam' && verdict.decision !== 'spam') return { status: 'spam', reasons: [...name.reasons, ...verdict.reasons] };
    return { status: statusOf[verdict.decision], reasons: verdict.reasons };
  }
}

/** What a site chose for its moderation, in the pipeline's terms; undefined when it follows the installation. */
export function moderationChoices(chosen: SiteSettings): SiteModeration | undefined {
  const rules: SiteModeration = {};
  if (chosen.rateLimits?.comments) rules.rate = { limit: chosen.rateLimits.comments.limit, windowMs: chosen.rateLimits.comments.windowMs };
  if (chosen.premoderationFirst !== undefined) rules.premoderationFirst = chosen.premoderationFirst;
  if (chosen.profanity !== undefined) rules.profanity = chosen.profanity;
  if (chosen.insults !== undefined) rules.insults = chosen.insults;
  return Object.keys(rules).length > 0 ? rules : undefined;
}

function refusal(verdict: ModerationVerdict, field: string): ServiceError {
  const reason = verdict.reasons[0];
  const message = reason?.message ?? 'This comment cannot be published.';
  if (reason?.code === 'rate_limited') return new ServiceError('rate_limited', 'rate_limited', message, undefined, reason.retryAfterMs);
  if (reason?.code === 'thread_closed') return new ServiceError('forbidden', 'thread_closed', message);
  if (reason?.code === 'banned') return new ServiceError('forbidden', 'banned', message);
  return new ServiceError('invalid', field === 'name' ? 'name_not_allowed' : 'comment_rejected', message, field);
}
