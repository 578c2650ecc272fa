import { describe, expect, it } from 'vitest';
import { defaultModerationSettings, describeSettings, readModerationSettings } from '../../src/moderation/settings.js';

describe('moderation settings', () => {
  it('defaults let a fresh site run', () => {
    const problems: string[] = [];
    expect(readModerationSettings({}, problems)).toEqual(defaultModerationSettings);
    expect(problems).toEqual([]);
  });

  it('reads every TRIBUNE_ variable', () => {
    const problems: string[] = [];
    const s = readModerationSettings({
      TRIBUNE_PREMODERATION: 'first', TRIBUNE_PREMODERATION_FIRST: '3', TRIBUNE_MAX_LINKS: '1', TRIBUNE_BLOCKED_DOMAINS: 'spam.example, *.bad.net',
      TRIBUNE_MIN_FILL_SECONDS: '5', TRIBUNE_RATE_LIMITS: 'off', TRIBUNE_MODERATION_RATE: '3/30s', TRIBUNE_MODERATION_FLOOD: '20/1h',
      TRIBUNE_REPEAT_WINDOW: '2h', TRIBUNE_BANNED_WORDS: 'grifter, shill', TRIBUNE_SUSPECT_WORDS: 'scam', TRIBUNE_PROFANITY: 'hold', TRIBUNE_THREATS: 'reject',
    }, problems);
    expect(problems).toEqual([]);
    expect(s).toMatchObject({
      premoderation: 'first', premoderationFirst: 3, maxLinks: 1, blockedDomains: ['spam.example', 'bad.net'], minFillSeconds: 5, rateLimitsEnabled: false,
      rate: { limit: 3, windowMs: 30_000 }, flood: { limit: 20, windowMs: 3_600_000 }, repeatWindowMs: 7_200_000, bannedWords: ['grifter', 'shill'],
      suspectWords: ['scam'], profanity: 'hold', threats: 'reject',
    });
  });

  it('names the variable of each bad value', () => {
    const problems: string[] = [];
    readModerationSettings({ TRIBUNE_PREMODERATION: 'some', TRIBUNE_MAX_LINKS: '-1', TRIBUNE_MODERATION_RATE: 'fast', TRIBUNE_BANNED_WORDS_FILE: '/nonexistent/words.txt', TRIBUNE_BLOCKED_DOMAINS: 'not a domain' }, problems);
    expect(problems.map((p) => p.split(' ')[0]!.replace(/:$/, ''))).toEqual(['TRIBUNE_BLOCKED_DOMAINS', 'TRIBUNE_PREMODERATION', 'TRIBUNE_MAX_LINKS', 'TRIBUNE_MODERATION_RATE', 'TRIBUNE_BANNED_WORDS_FILE']);
  });

  it('describes every setting for the README', () => {
    const table = describeSettings();
    expect(table.map((r) => r.variable)).toContain('TRIBUNE_PREMODERATION');
    expect(table.every((r) => r.meaning.length > 10)).toBe(true);
  });
});
