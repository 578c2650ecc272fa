import path from 'node:path';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs on a fresh machine with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: null, adminToken: null });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.rateLimits.enabled).toBe(true);
    expect(config.discussion.editWindowMinutes).toBe(15);
  });

  it('reads every documented setting', () => {
    const config = loadConfig({
      PORT: '9000',
      TRIBUNE_RATE_LIMITS: 'off',
      TRIBUNE_RATE_LIMIT_COMMENTS: '10/5m',
      TRIBUNE_REQUIRE_EMAIL: 'yes',
      TRIBUNE_MAX_DEPTH: '2',
      DATABASE_URL: 'postgres://postgres@127.0.0.1/test',
      TRIBUNE_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8',
    });
    expect(config.trustProxy).toBe('10.0.0.1, 10.0.0.0/8');
    expect(config.port).toBe(9000);
    expect(config.rateLimits).toMatchObject({ enabled: false, comments: { limit: 10, windowMs: 300_000 } });
    expect(config.discussion).toMatchObject({ requireEmail: true, maxDepth: 2 });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1/test');
  });

  it('sends mail from the site by default, to the mail folder unless SMTP_URL is set', () => {
    expect(loadConfig({ TRIBUNE_SITE_NAME: 'Valley "Post"' }).mail).toEqual({ from: '"Valley Post" <noreply@localhost>', smtpUrl: null, notifyModerators: false });
    expect(loadConfig({ TRIBUNE_MAIL_FROM: 'Gazette <news@gazette.example>', SMTP_URL: 'smtps://user:pw@mail.example:465' }).mail).toEqual({
      from: 'Gazette <news@gazette.example>',
      smtpUrl: 'smtps://user:pw@mail.example:465',
      notifyModerators: false,
    });
    expect(loadConfig({ TRIBUNE_NOTIFY_MODERATORS: 'on' }).mail.notifyModerators).toBe(true);
    expect(() => loadConfig({ SMTP_URL: 'mail.example:25' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ TRIBUNE_MAIL_FROM: 'The Gazette' })).toThrow(/TRIBUNE_MAIL_FROM/);
  });

  it('reads comments on one moderation thread beside the main one on two cores, on the main thread with 0', () => {
    expect(loadConfig({}).moderationThreads).toBe(Math.min(2, Math.max(1, availableParallelism() - 1)));
    expect(loadConfig({ TRIBUNE_MODERATION_THREADS: '0' }).moderationThreads).toBe(0);
    expect(loadConfig({ TRIBUNE_MODERATION_THREADS: '3' }).moderationThreads).toBe(3);
    expect(() => loadConfig({ TRIBUNE_MODERATION_THREADS: 'many' })).toThrow(/TRIBUNE_MODERATION_THREADS/);
  });

  it('names every bad setting at once', () => {
    try {
      loadConfig({ TRIBUNE_TRUST_PROXY: 'everyone', PORT: 'eighty', TRIBUNE_RATE_LIMITS: 'maybe', DATABASE_URL: 'mysql://x', TRIBUNE_RATE_LIMIT_VOTES: 'lots' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['TRIBUNE_TRUST_PROXY', 'PORT', 'TRIBUNE_RATE_LIMITS', 'DATABASE_URL', 'TRIBUNE_RATE_LIMIT_VOTES']) expect(message).toContain(name);
    }
  });
});
