import type { BanKind, BanRow } from '../store/bans.js';
import type { Store } from '../store/store.js';
import { moderatorOf, type Actor } from './actor.js';
import { ServiceError, invalid, notFound } from './errors.js';

export interface Ban {
  id: number;
  kind: BanKind;
  reason: string;
  createdBy: string;
  createdAt: string;
  /** Null for a ban; the end of a suspension otherwise. */
  expiresAt: string | null;
}

export interface BanOrder {
  /** Which of the comment author's identifiers to ban. */
  by: BanKind[];
  reason: string;
  /** A suspension of this many days; absent for a ban without end. */
  days?: number;
}

/** Bans and timed suspensions by reader account, e-mail, hashed IP or reader cookie, ordered by staff. */
export class BanService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bans whoever wrote comment `commentId`, by the identifiers asked for that the comment has. */
  async banAuthorOf(commentId: number, order: BanOrder, actor: Actor): Promise<Ban[]> {
    const moderator = moderatorOf(actor);
    const reason = order.reason.trim();
    if (!reason) throw invalid('reason_required', 'reason', 'Give the commenter a reason; they see it when they try to post.');
    if (order.by.length === 0) throw invalid('by_required', 'by', 'Choose what to ban: account, email, ip and/or reader.');
    const comment = await this.store.comments.findComment(commentId);
    // A moderator bans from their own site only, and finds no other site's comment to ban by.
    if (!comment || comment.site_id !== actor.siteId) throw notFound('comment_not_found', `No comment with id ${commentId}.`);
    const values: Record<BanKind, string | null> = { email: comment.author_email, ip: comment.ip_hash, reader: comment.reader_id, account: comment.account_id === null ? null : String(comment.account_id) };
    const wanted = order.by.filter((kind) => values[kind]);
    if (wanted.length === 0) {
      throw invalid('nothing_to_ban', 'by', `Comment ${commentId} has none of ${order.by.join(', ')} to ban (guests may post without e-mail).`);
    }
    const now = this.now();
    const expiresAt = order.days === undefined ? null : now + order.days * 86_400_000;
    const rows = await this.store.transaction(async (tx) => {
      const made: BanRow[] = [];
      for (const kind of wanted) {
        made.push(await tx.bans.insertBan({ site_id: actor.siteId, kind, value: values[kind]!, reason, created_by: moderator.name, created_at: now, expires_at: expiresAt }));
      }
      await tx.moderation.insertAudit({
        site_id: actor.siteId,
        staff_id: moderator.id,
        staff_name: moderator.name,
        action: order.days === undefined ? 'ban' : 'suspend',
        comment_id: commentId,
        details: JSON.stringify({ after: { by: wanted, reason, expiresAt } }),
        created_at: now,
      });
      return made;
    });
    return rows.map(toBan);
  }

  async lift(id: number, actor: Actor): Promise<void> {
    const moderator = moderatorOf(actor);
    const now = this.now();
    await this.store.transaction(async (tx) => {
      const lifted = await tx.bans.liftBan(actor.siteId, id, now);
      if (!lifted) throw notFound('ban_not_found', `No ban in force with id ${id}.`);
      const before = { kind: lifted.kind, reason: lifted.reason, expiresAt: lifted.expires_at };
      await tx.moderation.insertAudit({ site_id: actor.siteId, staff_id: moderator.id, staff_name: moderator.name, action: 'lift_ban', comment_id: null, details: JSON.stringify({ before }), created_at: now });
    });
  }

  /** The bans in force on the moderator's site. */
  async active(actor: Actor): Promise<Ban[]> {
    moderatorOf(actor);
    return (await this.store.bans.listActive(actor.siteId, this.now())).map(toBan);
  }

  /**
   * Refuses a banned reader any action (vote, report, edit, delete; posting is refused by the
   * moderation pipeline, which says why). Staff are never banned here.
   */
  async refuseIfBanned(actor: Actor, email: string | null = null): Promise<void> {
    if (actor.staff) return;
    const ban = await this.banOn(actor.siteId, { email: email ?? actor.account?.email ?? null, ipHash: actor.ipHash, readerId: actor.readerId, accountId: actor.account?.id ?? null });
    if (!ban) return;
    const until = ban.until === null ? '' : ` until ${new Date(ban.until).toUTCString().replace(/:\d\d GMT$/, ' UTC')}`;
    throw new ServiceError('forbidden', 'banned', `You cannot take part here${until}. The moderators gave this reason: ${ban.reason}`);
  }

  /** The ban in force on a commenter on the site, if any: what they are told when they try to post. Another site's bans do not count. */
  async banOn(siteId: string, author: { email: string | null; ipHash: string | null; readerId: string | null; accountId?: number | null }): Promise<{ reason: string; until: number | null } | undefined> {
    const identifiers = [
      ...(author.email ? [{ kind: 'email' as const, value: author.email }] : []),
      ...(author.ipHash ? [{ kind: 'ip' as const, value: author.ipHash }] : []),
      ...(author.readerId ? [{ kind: 'reader' as const, value: author.readerId }] : []),
      // A signed-in reader's ban follows the account to every browser they sign in from.
      ...(author.accountId ? [{ kind: 'account' as const, value: String(author.accountId) }] : []),
    ];
    const [ban] = await this.store.bans.activeBans(siteId, identifiers, this.now());
    return ban ? { reason: ban.reason, until: ban.expires_at } : undefined;
  }
}

function toBan(row: BanRow): Ban {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
  };
}
