import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as memory from '../../web/discussion/memory.js';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const window = 15 * 60_000;

describe('what the browser remembers', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('keeps edit tokens only while the edit window is open', () => {
    memory.rememberOwn(1, { token: 't1', createdAt: Date.now() - window - 1, body: 'old' }, window);
    memory.rememberOwn(2, { token: 't2', createdAt: Date.now(), body: 'new **one**' }, window);
    expect(Object.keys(memory.ownComments(window, Date.now()))).toEqual(['2']);
    expect(memory.ownComments(window, Date.now())['2']!.body).toBe('new **one**');
    memory.rememberOwn(2, null, window);
    expect(memory.ownComments(window, Date.now())).toEqual({});
  });

  it('remembers the reader’s votes, forgets withdrawn ones and the oldest beyond a thousand', () => {
    memory.rememberVote(5, 1);
    memory.rememberVote(6, -1);
    memory.rememberVote(5, 0);
    expect(memory.rememberedVotes()).toEqual({ 6: -1 });
    for (let id = 10; id < 1010; id++) memory.rememberVote(id, 1);
    const votes = memory.rememberedVotes();
    expect(Object.keys(votes)).toHaveLength(1000);
    expect(votes[6]).toBeUndefined();
    expect(votes[1009]).toBe(1);
  });

  it('remembers the author fields for the next comment', () => {
    expect(memory.rememberedAuthor()).toEqual({ name: '', email: '', website: '' });
    memory.rememberAuthor({ name: 'Ines', email: 'ines@example.org', website: '' });
    expect(memory.rememberedAuthor().name).toBe('Ines');
  });

  it('forgets quietly when the browser has no storage', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(() => memory.rememberVote(1, 1)).not.toThrow();
    expect(memory.rememberedVotes()).toEqual({});
  });
});
