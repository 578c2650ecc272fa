import { afterEach, describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { PHASES, createModerationPipeline } from '../../src/moderation/pipeline.js';
import { defaultModerationSettings } from '../../src/moderation/settings.js';
import { NOW, input } from './support.js';

let counters: InProcessRateLimitStore;
afterEach(() => counters?.close());
const pipeline = (settings = {}, rateLimitsEnabled?: boolean) => {
  counters = new InProcessRateLimitStore(() => NOW);
  return createModerationPipeline({ ...defaultModerationSettings, ...settings }, { counters, rateLimitsEnabled });
};

describe('moderation pipeline', () => {
  it('lists its phases in order: hard facts, rate, refusals, certain spam, reputation, outside providers, soft holds', () => {
    expect(pipeline().phases).toEqual([
      'thread-closed', 'banned-commenter', 'length', 'honeypot', 'rate-flood', 'banned-words', 'hate-speech', 'violent-intent', 'self-harm', 'classifier', 'blocked-domains', 'repeated-text',
      'reputation', 'akismet', 'perspective', 'webhook', 'spam-patterns', 'suspect-words', 'insults', 'classifier-soft', 'link-limit', 'premoderation',
    ]);
    expect(PHASES).toHaveLength(22);
  });

  it('refuses a banned commenter with the reason and the end of the suspension', async () => {
    const until = Date.UTC(2026, 11, 24, 18, 0);
    const verdict = await pipeline().check(input('A perfectly polite comment.', { ban: { reason: 'Repeated personal attacks.', until } }));
    expect(verdict.decision).toBe('reject');
    expect(verdict.reasons[0]).toMatchObject({ phase: 'banned-commenter', code: 'banned' });
    expect(verdict.reasons[0]!.message).toContain('Repeated personal attacks.');
    expect(verdict.reasons[0]!.message).toContain('24 Dec 2026 18:00 UTC');
    const permanent = await pipeline().check(input('Another one.', { ban: { reason: 'Spam.', until: null } }));
    expect(permanent.reasons[0]!.message).not.toContain('until');
  });

  it('judges a display name it has seen as it did the first time, and a caller changing the answer changes nothing', async () => {
    const p = pipeline();
    const first = await p.check(input('Cheap Viagra Online', { kind: 'name' }));
    expect(first.decision).toBe('spam');
    first.reasons[0]!.matched.push('tampered');
    first.reasons.push({ phase: 'x', code: 'y', message: 'z', matched: [] });
    const again = await p.check(input('Cheap Viagra Online', { kind: 'name', author: { name: 'Other', email: null, website: null, ipHash: 'ip-2', readerId: null } }));
    expect(again).toEqual(await pipeline().check(input('Cheap Viagra Online', { kind: 'name' })));
    expect((await p.check(input('Maren Olsen', { kind: 'name' }))).decision).toBe('publish');
  });

  it('publishes an ordinary comment with no reasons', async () => {
    expect(await pipeline().check(input('Good reporting on the ferry timetable; the 7:15 is always late.'))).toEqual({ decision: 'publish', reasons: [] });
  });

  it('the first deciding phase ends the run and names itself', async () => {
    const verdict = await pipeline({ premoderation: 'all' }).check(input('You are a wetback.', { thread: { key: 'k', closed: true } }));
    expect(verdict).toEqual({ decision: 'reject', reasons: [{ phase: 'thread-closed', code: 'thread_closed', message: expect.any(String), matched: [] }] });
  });

  it('a trusted commenter skips the soft holds, not the refusals', async () => {
    const trusted = { history: { approved: 12, rejected: 0, spam: 0, pending: 0 } };
    const p = pipeline({ premoderation: 'all' });
    expect((await p.check(input('What the $h&t is the council doing?', trusted))).decision).toBe('publish');
    expect((await p.check(input('What the $h&t is the mayor doing?'))).reasons[0]!.phase).toBe('suspect-words');
    expect((await p.check(input('Time to eradicate them!', trusted))).reasons[0]!.phase).toBe('hate-speech');
    expect((await p.check(input('Typical n1gger nonsense', trusted))).decision).toBe('reject');
  });

  it('premoderation holds what nothing else objected to; an article overrides the site', async () => {
    const p = pipeline({ premoderation: 'all' });
    expect(await p.check(input('Fine piece.'))).toMatchObject({ decision: 'hold', reasons: [{ phase: 'premoderation' }] });
    expect((await p.check(input('Fine piece, again.', { thread: { key: 'open', closed: false, premoderation: 'none' } }))).decision).toBe('publish');
  });

  it('display names run the word, hate and spam phases but not comment-only ones', async () => {
    const p = pipeline({ premoderation: 'all' });
    expect((await p.check(input('Maren Olsen', { kind: 'name', thread: { key: 'k', closed: true } }))).decision).toBe('publish');
    expect(await p.check(input('Sh1tHead', { kind: 'name' }))).toMatchObject({ decision: 'hold', reasons: [{ phase: 'suspect-words' }] });
    expect(await p.check(input('KYS_loser', { kind: 'name' }))).toMatchObject({ reasons: [{ phase: 'hate-speech' }] });
    expect(await p.check(input('subscribe to my channel', { kind: 'name' }))).toMatchObject({ decision: 'spam' });
  });

  it('TRIBUNE_RATE_LIMITS=off (deps flag) skips rate and flood', async () => {
    const p = pipeline({ rate: { limit: 1, windowMs: 60_000 } }, false);
    for (let i = 0; i < 3; i++) expect((await p.check(input(`Comment number ${i} about the ferry timetable`))).decision).toBe('publish');
    const limited = pipeline({ rate: { limit: 1, windowMs: 60_000 } });
    await limited.check(input('First comment about the ferry timetable'));
    expect((await limited.check(input('Second comment about the ferry timetable'))).reasons[0]!.code).toBe('rate_limited');
  });

  it('spam: self-promotion and calls to subscribe, not a reader sharing a source', async () => {
    const p = pipeline();
    expect((await p.check(input('Great article! Check out my channel and subscribe for daily crypto tips'))).decision).toBe('spam');
    expect((await p.check(input('Earn $500 per day working from home: http://quick-cash.example'))).decision).toBe('spam');
    expect((await p.check(input('The council minutes are here: https://harbour.example/minutes.pdf'))).decision).toBe('publish');
  });
});
