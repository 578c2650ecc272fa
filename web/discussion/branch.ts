import type { Comment } from '../../src/shared/comment.js';
import { ThreadTree, pruneDeletedLeaves } from '../../src/shared/thread-tree.js';

function flatten(comment: Comment, into: Comment[] = []): Comment[] {
  for (const reply of comment.replies) {
    into.push(reply);
    flatten(reply, into);
  }
  return into;
}

const byAge = (a: Comment, b: Comment) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id);

/**
 * Adds flat replies (from "Load more replies" or a reply just posted) to the branch of `root`.
 * The branch is rebuilt from scratch with the server's own ThreadTree rule, in the order the
 * server builds it, so a reply lands at exactly the depth a page reload would show it.
 */
export function addToBranch(root: Comment, replies: Comment[], maxDepth: number): void {
  const known = flatten(root);
  const seen = new Set(known.map((c) => c.id));
  const added = replies.filter((c) => !seen.has(c.id));
  const all = [...known, ...added].sort(byAge);
  const names = new Map<number, string>([[root.id, root.author.name], ...all.map((c) => [c.id, c.author.name] as const)]);

  root.replies = [];
  const tree = new ThreadTree(maxDepth);
  tree.addRoot(root);
  for (const reply of all) {
    reply.replies = [];
    // The replies endpoint does not say whom a reply answers; the branch knows.
    if (reply.replyTo === null && reply.parentId !== null && reply.parentId !== root.id) {
      reply.replyTo = names.get(reply.parentId) || null;
    }
    tree.addReply(reply, root.id);
  }
  root.replies = pruneDeletedLeaves(root.replies);
  root.replyCount = (root.replyCount ?? known.length) + added.length;
}

/** The chain of comments from a top-level comment down to comment `id`, or null when not shown. */
export function pathTo(comments: Comment[], id: number): Comment[] | null {
  for (const comment of comments) {
    if (comment.id === id) return [comment];
    const below = pathTo(comment.replies, id);
    if (below) return [comment, ...below];
  }
  return null;
}

/**
 * Takes a deleted (or, with `hidden`, a reported and hidden) comment off the page. A comment with
 * replies stays as a placeholder so the conversation under it still makes sense; a placeholder
 * left without replies goes too.
 */
export function removeComment(comments: Comment[], id: number, hidden = false): Comment[] {
  const path = pathTo(comments, id);
  if (!path) return comments;
  const target = path[path.length - 1]!;
  Object.assign(target, { deleted: true, html: '', author: { name: '', website: null }, editedAt: null, editedBy: null }, hidden ? { hidden: true } : {});
  const root = path[0]!;
  // Replies no longer name the author who deleted their comment, as the server shows them.
  for (const reply of flatten(root)) if (reply.parentId === id) reply.replyTo = null;
  if (target !== root && root.replyCount) root.replyCount--;
  root.replies = pruneDeletedLeaves(root.replies);
  return root.deleted && root.replies.length === 0 ? comments.filter((c) => c !== root) : comments;
}
