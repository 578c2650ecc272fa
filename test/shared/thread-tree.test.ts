import { describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import { ThreadTree, pruneDeletedLeaves } from '../../src/shared/thread-tree.js';

function comment(id: number, parentId: number | null, deleted = false): Comment {
  return {
    id,
    parentId,
    author: { name: `A${id}`, website: null },
    html: deleted ? '' : `<p>${id}</p>`,
    createdAt: new Date(id * 1000).toISOString(),
    editedAt: null,
    editedBy: null,
    votes: { up: 0, down: 0 },
    deleted,
    replyTo: null,
    replies: [],
  };
}

const shape = (c: Comment): unknown => (c.replies.length ? { [c.id]: c.replies.map(shape) } : c.id);

describe('ThreadTree', () => {
  it('nests replies under what they answer up to the maximum depth', () => {
    const tree = new ThreadTree(3);
    const root = comment(1, null);
    tree.addRoot(root);
    for (const [id, parent] of [[2, 1], [3, 2], [4, 3], [5, 1]] as const) tree.addReply(comment(id, parent), 1);
    expect(shape(root)).toEqual({ 1: [{ 2: [{ 3: [4] }] }, 5] });
  });

  it('attaches replies below the maximum depth beside their parent at the deepest level', () => {
    const tree = new ThreadTree(2);
    const root = comment(1, null);
    tree.addRoot(root);
    // 1 ← 2 ← 3 ← 4 ← 5: with depth 2, 4 and 5 sit beside 3 under 2.
    for (const [id, parent] of [[2, 1], [3, 2], [4, 3], [5, 4]] as const) tree.addReply(comment(id, parent), 1);
    expect(shape(root)).toEqual({ 1: [{ 2: [3, 4, 5] }] });
  });

  it('with depth 1 shows every reply flat under the top-level comment', () => {
    const tree = new ThreadTree(1);
    const root = comment(1, null);
    tree.addRoot(root);
    for (const [id, parent] of [[2, 1], [3, 2], [4, 3]] as const) tree.addReply(comment(id, parent), 1);
    expect(shape(root)).toEqual({ 1: [2, 3, 4] });
  });

  it('attaches a reply whose parent is not shown to the top-level comment', () => {
    const tree = new ThreadTree(3);
    const root = comment(1, null);
    tree.addRoot(root);
    expect(tree.addReply(comment(9, 7), 1)).toBe(root);
    expect(tree.addReply(comment(10, 7), 99)).toBeNull();
    expect(shape(root)).toEqual({ 1: [9] });
  });

  it('prunes deleted replies with nothing under them but keeps those that carry replies', () => {
    const root = comment(1, null);
    const tree = new ThreadTree(5);
    tree.addRoot(root);
    tree.addReply(comment(2, 1, true), 1);
    tree.addReply(comment(3, 2), 1);
    tree.addReply(comment(4, 1, true), 1);
    tree.addReply(comment(5, 4, true), 1);
    root.replies = pruneDeletedLeaves(root.replies);
    expect(shape(root)).toEqual({ 1: [{ 2: [3] }] });
  });
});
