import { describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import { ThreadTree, pruneDeletedLeaves } from '../../src/shared/thread-tree.js';
import { addToBranch, pathTo, removeComment } from '../../web/discussion/branch.js';
import { comment } from './fixtures.js';

const shape = (c: Comment): unknown => ({ id: c.id, replies: c.replies.map(shape) });

/** The same replies, as the server would nest them in one go. */
function serverBranch(root: Comment, flat: Comment[], maxDepth: number): Comment {
  const tree = new ThreadTree(maxDepth);
  const copy = { ...root, replies: [] as Comment[] };
  tree.addRoot(copy);
  for (const reply of flat) tree.addReply({ ...reply, replies: [] }, copy.id);
  copy.replies = pruneDeletedLeaves(copy.replies);
  return copy;
}

// 1 ← 2 ← 3 ← 4 ← 5, and 6 answering 1: a long back-and-forth under one comment.
const flat = () => [
  comment(2, { parentId: 1 }),
  comment(3, { parentId: 2 }),
  comment(4, { parentId: 3 }),
  comment(5, { parentId: 4 }),
  comment(6, { parentId: 1 }),
];

describe('loading more replies into a branch', () => {
  it('nests them exactly as the server would have, depth cap included', () => {
    const all = flat();
    const root = comment(1);
    addToBranch(root, all.slice(0, 2), 2);
    addToBranch(root, all.slice(2), 2);
    expect(shape(root)).toEqual(shape(serverBranch(comment(1), flat(), 2)));
    // Past depth 2, replies sit beside their parent instead of going deeper.
    expect(shape(root)).toEqual({ id: 1, replies: [{ id: 2, replies: [{ id: 3, replies: [] }, { id: 4, replies: [] }, { id: 5, replies: [] }] }, { id: 6, replies: [] }] });
  });

  it('ignores replies already shown and counts the new ones', () => {
    const root = comment(1, { replyCount: 2 });
    addToBranch(root, flat().slice(0, 2), 4);
    addToBranch(root, flat().slice(1, 3), 4);
    expect(pathTo([root], 4)!.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(root.replyCount).toBe(5);
  });

  it('fills in whom a loaded reply answers, since the replies endpoint leaves it out', () => {
    const root = comment(1);
    addToBranch(root, flat(), 4);
    expect(pathTo([root], 3)!.at(-1)!.replyTo).toBe('Reader 2');
    expect(pathTo([root], 2)!.at(-1)!.replyTo).toBeNull();
  });
});

describe('deleting a comment', () => {
  it('keeps a placeholder while replies hang under it, and drops it otherwise', () => {
    const root = comment(1);
    addToBranch(root, flat(), 4);
    let comments = removeComment([root, comment(7)], 2);
    expect(pathTo(comments, 2)!.at(-1)!.deleted).toBe(true);
    comments = removeComment(comments, 7);
    expect(comments.map((c) => c.id)).toEqual([1]);
    comments = removeComment(comments, 6);
    expect(pathTo(comments, 6)).toBeNull();
  });

  it('marks a comment hidden by reports as such, keeping it as a placeholder while it has replies', () => {
    const root = comment(1, { replyCount: 5 });
    addToBranch(root, flat(), 4);
    const comments = removeComment([root], 2, true);
    expect(pathTo(comments, 2)!.at(-1)).toMatchObject({ deleted: true, hidden: true, html: '' });
  });

  it('stops naming the author of a deleted comment in the replies to it, and counts one reply less', () => {
    const root = comment(1, { replyCount: 5 });
    addToBranch(root, flat(), 4);
    expect(pathTo([root], 3)!.at(-1)!.replyTo).toBe('Reader 2');
    removeComment([root], 2);
    expect(pathTo([root], 3)!.at(-1)!.replyTo).toBeNull();
    expect(root.replyCount).toBe(9);
  });

  it('takes a deleted top-level comment off the page when nothing answers it', () => {
    expect(removeComment([comment(1), comment(2)], 1).map((c) => c.id)).toEqual([2]);
  });
});
