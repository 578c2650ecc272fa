import type { Person } from '../store/comments.js';
import type { Actor } from './actor.js';
import { forbidden } from './errors.js';

/**
 * Who a reader is, for the things one person may do once: vote on a comment, report it, and
 * not do either to their own. A guest is known by their reader cookie *and* the keyed hash of
 * their address, and matching either is the same person: dropping the cookie does not make a
 * new voter. (Readers behind one shared address count as one; that is the price of a guest
 * vote that cannot be multiplied.) Staff act under their own name and are not counted here.
 */
export function personOf(actor: Actor, action: 'vote' | 'report'): Person {
  if (!actor.readerId) throw forbidden('reader_unknown', `${action === 'vote' ? 'Voting' : 'Reporting'} needs cookies enabled, so each reader ${action}s once.`);
  return { readerId: actor.readerId, ipHash: actor.ipHash };
}

/**
 * True when the comment was written from this reader's browser. Not by address: people who
 * share one (a household, an office) vote on and report each other's comments, and an author
 * who drops their cookie to vote for themselves still has only their address's one vote.
 */
export function wroteIt(comment: { reader_id: string | null }, person: Person): boolean {
  return comment.reader_id === person.readerId;
}
