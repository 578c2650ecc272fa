import type { Comment } from './comment.js';

/**
 * Builds the shown tree of replies. A reply nests under the comment it answers, except that
 * replies below `maxDepth` attach to the deepest allowed level, beside their parent (as wpDiscuz
 * does), so a long back-and-forth stays readable on a phone.
 *
 * `replies` must come oldest first: a reply is always newer than what it answers, so every
 * parent is placed before its children. A reply whose parent is not shown attaches to the root.
 */
export class ThreadTree {
  private readonly nodes = new Map<number, { comment: Comment; level: number; shownParent: Comment | null }>();

  constructor(private readonly maxDepth: number) {}

  addRoot(root: Comment): void {
    this.nodes.set(root.id, { comment: root, level: 0, shownParent: null });
  }

  has(id: number): boolean {
    return this.nodes.has(id);
  }

  /** Places `reply` in the branch of `rootId`; returns the comment it was attached under. */
  addReply(reply: Comment, rootId: number): Comment | null {
    const root = this.nodes.get(rootId);
    if (!root) return null;
    let parent = (reply.parentId !== null && this.nodes.get(reply.parentId)) || root;
    if (parent.level >= this.maxDepth && parent.shownParent) {
      parent = this.nodes.get(parent.shownParent.id) ?? root;
    }
    parent.comment.replies.push(reply);
    this.nodes.set(reply.id, { comment: reply, level: parent.level + 1, shownParent: parent.comment });
    return parent.comment;
  }
}

/** Drops deleted replies that no longer have anything under them; a placeholder only earns its place by its replies. */
export function pruneDeletedLeaves(comments: Comment[]): Comment[] {
  const kept: Comment[] = [];
  for (const comment of comments) {
    comment.replies = pruneDeletedLeaves(comment.replies);
    if (!comment.deleted || comment.replies.length > 0) kept.push(comment);
  }
  return kept;
}
