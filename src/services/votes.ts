import type { RateLimitSettings } from '../config.js';
import type { EventBus } from '../adapters/bus/bus.js';
import type { Store } from '../store/store.js';
import type { BanService } from './bans.js';
import type { CommentService } from './comments.js';
import type { Actor } from './actor.js';
import { forbidden, notFound } from './errors.js';
import { personOf, wroteIt } from './reader-trust.js';

export type VoteValue = 1 | -1 | 0;

export interface VoteResult {
  votes: { up: number; down: number };
  /** The reader's vote now: 1, -1, or 0 when withdrawn. */
  value: VoteValue;
}

/** One vote per person per comment (see reader-trust.ts); voting again changes it, 0 withdraws it. */
export class VoteService {
  constructor(
    private readonly store: Store,
    private readonly comments: CommentService,
    private readonly bans: BanService,
    private readonly rateLimits: RateLimitSettings,
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  async vote(commentId: number, value: VoteValue, actor: Actor): Promise<VoteResult> {
    const person = personOf(actor, 'vote');
    await this.bans.refuseIfBanned(actor);
    await this.comments.enforceRate('vote', actor, this.rateLimits.votes, 'votes');

    const result = await this.store.transaction(async (tx) => {
      const comment = await tx.comments.lockComment(commentId);
      if (!comment || comment.site_id !== actor.siteId || comment.status !== 'published') throw notFound('comment_not_found', `No comment with id ${commentId}.`);
      if (wroteIt(comment, person)) throw forbidden('own_comment', 'You cannot vote on your own comment.');
      const existing = await tx.comments.findVote(commentId, person);
      const previous = existing?.value ?? 0;
      if (previous === value) return { comment, changed: false };
      // The vote stays under the cookie that first cast it, whichever cookie changes it.
      const voter = existing ? { ...person, readerId: existing.reader_id } : person;
      if (value === 0) await tx.comments.removeVote(commentId, voter.readerId);
      else await tx.comments.saveVote(comment.site_id, commentId, voter, value, this.now());
      const up = (value === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
      const down = (value === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
      tx.threadEvents.note(comment.thread_id, 'votes', commentId, this.now());
      return { comment: await tx.comments.adjustVoteTotals(commentId, up, down), changed: true };
    });

    if (result.changed) {
      const thread = await this.store.comments.findThreadById(result.comment.thread_id);
      if (thread) this.bus.publish({ type: 'comment.voted', siteId: thread.site_id, threadKey: thread.key, commentId });
    }
    return { votes: { up: result.comment.up, down: result.comment.down }, value };
  }
}
