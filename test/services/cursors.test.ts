import { describe, expect, it } from 'vitest';
import { decodeReplyCursor, decodeTopLevelCursor, encodeReplyCursor, encodeTopLevelCursor } from '../../src/services/cursors.js';

describe('cursors', () => {
  it('round-trip the position of the last comment shown', () => {
    const p = { createdAt: 1_790_000_000_123, score: -3, id: 42 };
    expect(decodeTopLevelCursor('votes', encodeTopLevelCursor('votes', p))).toEqual(p);
    expect(decodeReplyCursor(encodeReplyCursor({ createdAt: 5, id: 6 }))).toEqual({ createdAt: 5, id: 6 });
  });

  it('refuse a cursor from another order, a reply cursor, or garbage, naming the field', () => {
    const oldest = encodeTopLevelCursor('oldest', { createdAt: 1, score: 0, id: 1 });
    expect(() => decodeTopLevelCursor('newest', oldest)).toThrow(/oldest|newest/);
    expect(() => decodeTopLevelCursor('oldest', encodeReplyCursor({ createdAt: 1, id: 1 }))).toThrow();
    for (const junk of ['%%%', 'bm90IGpzb24', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["oldest","a",0,1]').toString('base64url')]) {
      expect(() => decodeTopLevelCursor('oldest', junk)).toThrow(expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' }));
    }
  });
});
