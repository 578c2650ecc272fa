import { describe, expect, it } from 'vitest';
import { commentCount, exactTime, timeAgo } from '../../web/discussion/format.js';

const now = Date.parse('2026-11-26T14:05:00Z');
const ago = (ms: number) => timeAgo(new Date(now - ms).toISOString(), now);

describe('times the reader sees', () => {
  it('reads like a person would say it', () => {
    expect(ago(10_000)).toBe('just now');
    expect(ago(-5_000)).toBe('just now'); // a server clock slightly ahead
    expect(ago(60_000)).toBe('1 minute ago');
    expect(ago(5 * 60_000)).toBe('5 minutes ago');
    expect(ago(3_600_000)).toBe('1 hour ago');
    expect(ago(3 * 86_400_000)).toBe('3 days ago');
    expect(ago(92 * 86_400_000)).toBe('3 months ago');
    expect(ago(2 * 365 * 86_400_000)).toBe('2 years ago');
  });

  it('prints the exact time the same everywhere, in UTC', () => {
    expect(exactTime('2026-11-26T14:05:09.000Z')).toBe('26 Nov 2026, 14:05 UTC');
    expect(exactTime('2026-01-03T04:00:00Z')).toBe('3 Jan 2026, 04:00 UTC');
  });

  it('counts comments in English', () => {
    expect(commentCount(0)).toBe('0 Comments');
    expect(commentCount(1)).toBe('1 Comment');
    expect(commentCount(13)).toBe('13 Comments');
  });
});
