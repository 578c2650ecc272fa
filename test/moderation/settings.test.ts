import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { defaultModerationSettings, describeSettings } from '../../src/moderation/settings.js';

describe('moderation settings', () => {
  it('defaults let a fresh site run', () => {
    expect(loadConfig({}).moderation).toEqual(defaultModerationSettings);
  });

  it('reads every TRIBUNE_ variable, and takes lengths and the comment rate from the discussion settings', () => {
    const s = loadConfig({
      TRIBUNE_PREMODERATION: 'first', TRIBUNE_PREMODERATION_FIRST: '3', TRIBUNE_MAX_LINKS: '1', TRIBUNE_BLOCKED_DOMAINS: 'spam.example, *.bad.net',
      TRIBUNE_MIN_FILL_SECONDS: '5', TRIBUNE_RATE_LIMITS: 'off', TRIBUNE_RATE_LIMIT_COMMENTS: '3/30s', TRIBUNE_MODERATION_FLOOD: '20/1h',
      TRIBUNE_REPEAT_WINDOW: '2h', TRIBUNE_BANNED_WORDS: 'grifter, shill', TRIBUNE_SUSPECT_WORDS: 'scam', TRIBUNE_PROFANITY: 'hold', TRIBUNE_THREATS: 'reject',
      TRIBUNE_COMMENT_MAX_LENGTH: '800', TRIBUNE_NAME_MAX_LENGTH: '30',
    }).moderation;
    expect(s).toMatchObject({
      premoderation: 'first', premoderationFirst: 3, maxLinks: 1, blockedDomains: ['spam.example', 'bad.net'], minFillSeconds: 5, rateLimitsEnabled: false,
      rate: { limit: 3, windowMs: 30_000 }, flood: { limit: 20, windowMs: 3_600_000 }, repeatWindowMs: 7_200_000, bannedWords: ['grifter', 'shill'],
      suspectWords: ['scam'], profanity: 'hold', threats: 'reject', maxLength: 800, nameMaxLength: 30,
    });
  });

  it('names the variable of each bad value', () => {
    let message = '';
    try {
      loadConfig({ TRIBUNE_PREMODERATION: 'some', TRIBUNE_MAX_LINKS: '-1', TRIBUNE_MODERATION_FLOOD: 'fast', TRIBUNE_BANNED_WORDS_FILE: '/nonexistent/words.txt', TRIBUNE_BLOCKED_DOMAINS: 'not a domain' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['TRIBUNE_BLOCKED_DOMAINS', 'TRIBUNE_PREMODERATION', 'TRIBUNE_MAX_LINKS', 'TRIBUNE_MODERATION_FLOOD', 'TRIBUNE_BANNED_WORDS_FILE']) {
      expect(message).toContain(name);
    }
  });

  it('describes every setting for the README', () => {
    const table = describeSettings();
    expect(table.map((r) => r.variable)).toContain('TRIBUNE_PREMODERATION');
    expect(table.every((r) => r.meaning.length > 10)).toBe(true);
  });
});
