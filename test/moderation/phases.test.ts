import { describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { blockedDomains } from '../../src/moderation/phases/blocked-domains.js';
import { honeypot } from '../../src/moderation/phases/honeypot.js';
import { length } from '../../src/moderation/phases/length.js';
import { linkLimit } from '../../src/moderation/phases/link-limit.js';
import { premoderation } from '../../src/moderation/phases/premoderation.js';
import { rateFlood } from '../../src/moderation/phases/rate-flood.js';
import { repeatedText } from '../../src/moderation/phases/repeated-text.js';
import { reputation } from '../../src/moderation/phases/reputation.js';
import { threadClosed } from '../../src/moderation/phases/thread-closed.js';
import { NOW, input, runPhase } from './support.js';

const body = 'The council should publish the harbour survey before the vote.';

describe('thread-closed', () => {
  it('rejects a comment in a closed thread, passes an open one', async () => {
    expect(await runPhase(threadClosed, input(body, { thread: { key: 'k', closed: true } }))).toMatchObject({ decision: 'reject', code: 'thread_closed' });
    expect(await runPhase(threadClosed, input(body))).toBeUndefined();
  });
});

describe('length', () => {
  it('rejects empty, too long, and invisible names; passes ordinary ones', async () => {
    expect(await runPhase(length, input('x'.repeat(5001)))).toMatchObject({ decision: 'reject', code: 'too_long' });
    expect(await runPhase(length, input(' \u200b '))).toMatchObject({ decision: 'reject', code: 'too_short' });
    expect(await runPhase(length, input('\u200b\u200d', { kind: 'name' }))).toMatchObject({ code: 'name_empty' });
    expect(await runPhase(length, input('A'.repeat(51), { kind: 'name' }))).toMatchObject({ code: 'name_too_long' });
    expect(await runPhase(length, input('evil\u202eeman', { kind: 'name' }))).toMatchObject({ code: 'name_control' });
    expect(await runPhase(length, input('Maren Olsen', { kind: 'name' }))).toBeUndefined();
  });
});

describe('honeypot', () => {
  it('marks a filled hidden field as spam, and holds a form sent too fast (a paste is not spam)', async () => {
    expect(await runPhase(honeypot, input(body, { form: { honeypot: 'http://cheap.example' } }))).toMatchObject({ decision: 'spam', code: 'honeypot' });
    expect(await runPhase(honeypot, input(body, { form: { honeypot: '', startedAt: NOW - 1200 } }))).toMatchObject({ decision: 'hold', code: 'too_fast' });
    expect(await runPhase(honeypot, input(body, { form: { honeypot: '', startedAt: NOW - 45_000 } }))).toBeUndefined();
    expect(await runPhase(honeypot, input(body, { form: { startedAt: NOW - 100 } }), { minFillSeconds: 0 })).toBeUndefined();
  });
});

describe('rate-flood', () => {
  it('refuses a burst per identity with the wait, holds sustained volume, and is off with TRIBUNE_RATE_LIMITS=off', async () => {
    let now = NOW;
    const counters = new InProcessRateLimitStore(() => now);
    const settings = { rate: { limit: 2, windowMs: 60_000 }, flood: { limit: 3, windowMs: 3_600_000 } };
    const post = (ip: string) => runPhase(rateFlood, input(body, { author: { name: 'A', email: 'a@example.org', website: null, ipHash: ip, readerId: null }, now }), settings, wrap(counters));
    expect(await post('ip-a')).toBeUndefined();
    expect(await post('ip-b')).toBeUndefined();
    expect(await post('ip-c')).toMatchObject({ decision: 'reject', code: 'rate_limited', message: expect.stringContaining('60 s') });
    now += 61_000;
    expect(await post('ip-d')).toBeUndefined();
    now += 61_000;
    expect(await post('ip-e')).toMatchObject({ decision: 'hold', code: 'flood' });
    expect(await runPhase(rateFlood, input(body), { ...settings, rateLimitsEnabled: false }, wrap(counters))).toBeUndefined();
    await counters.close();
  });

  it('counts a hashed IP across identities', async () => {
    const counters = new InProcessRateLimitStore(() => NOW);
    const from = (email: string) => input(body, { author: { name: 'A', email, website: null, ipHash: 'same-ip', readerId: null } });
    const settings = { rate: { limit: 1, windowMs: 60_000 } };
    expect(await runPhase(rateFlood, from('one@example.org'), settings, wrap(counters))).toBeUndefined();
    expect(await runPhase(rateFlood, from('two@example.org'), settings, wrap(counters))).toMatchObject({ code: 'rate_limited' });
    await counters.close();
  });
});

describe('repeated-text', () => {
  it('marks the same text again in the thread (however re-cased) as spam; not edits or short texts', async () => {
    const counters = new InProcessRateLimitStore(() => NOW);
    const other = { name: 'B', email: 'b@example.org', website: null, ipHash: 'ip-2', readerId: null };
    expect(await runPhase(repeatedText, input(body), {}, wrap(counters))).toBeUndefined();
    expect(await runPhase(repeatedText, input(body.toUpperCase(), { author: other }), {}, wrap(counters))).toMatchObject({ decision: 'spam', code: 'repeated_text' });
    expect(await runPhase(repeatedText, input(body, { isEdit: true }), {}, wrap(counters))).toBeUndefined();
    expect(await runPhase(repeatedText, input('Thanks!'), {}, wrap(counters))).toBeUndefined();
    expect(await runPhase(repeatedText, input('Thanks!'), {}, wrap(counters))).toBeUndefined();
    // The same person in another thread.
    expect(await runPhase(repeatedText, input(body, { thread: { key: 'other', closed: false } }), {}, wrap(counters))).toMatchObject({ code: 'repeated_text' });
    await counters.close();
  });
});

describe('reputation', () => {
  it('publishes a trusted commenter, holds one often refused, says nothing for a newcomer', async () => {
    const history = (approved: number, rejected: number, spam = 0) => ({ history: { approved, rejected, spam, pending: 0 } });
    expect(await runPhase(reputation, input(body, history(5, 0)))).toMatchObject({ decision: 'publish', code: 'trusted' });
    expect(await runPhase(reputation, input(body, history(1, 2, 1)))).toMatchObject({ decision: 'hold', code: 'poor_history' });
    expect(await runPhase(reputation, input(body, history(10, 2)))).toMatchObject({ decision: 'publish' });
    expect(await runPhase(reputation, input(body, history(0, 0)))).toBeUndefined();
  });
});

describe('links', () => {
  const links = 'See https://harbour.example/a and www.port.example/b and http://c.example and tides.org';
  it('holds more links than the limit', async () => {
    expect(await runPhase(linkLimit, input(links))).toMatchObject({ decision: 'hold', code: 'too_many_links', matched: ['https://harbour.example/a', 'www.port.example/b', 'http://c.example', 'tides.org'] });
    expect(await runPhase(linkLimit, input('One link, to the survey: https://harbour.example/a'))).toBeUndefined();
  });
  it('marks a blocked domain or its subdomain as spam', async () => {
    const settings = { blockedDomains: ['cheap-pills.example'] };
    expect(await runPhase(blockedDomains, input('Try https://shop.cheap-pills.example/buy now'), settings)).toMatchObject({ decision: 'spam', code: 'blocked_domain' });
    expect(await runPhase(blockedDomains, input('Try https://notcheap-pills.example/buy'), settings)).toBeUndefined();
  });
});

describe('premoderation', () => {
  it('holds per site setting, and an article overrides it', async () => {
    expect(await runPhase(premoderation, input(body), { premoderation: 'all' })).toMatchObject({ decision: 'hold', code: 'premoderation_all' });
    expect(await runPhase(premoderation, input(body, { thread: { key: 'k', closed: false, premoderation: 'none' } }), { premoderation: 'all' })).toBeUndefined();
    expect(await runPhase(premoderation, input(body, { thread: { key: 'k', closed: false, premoderation: 'all' } }))).toMatchObject({ decision: 'hold' });
    expect(await runPhase(premoderation, input('Source: https://harbour.example'), { premoderation: 'links' })).toMatchObject({ code: 'premoderation_links' });
    expect(await runPhase(premoderation, input(body), { premoderation: 'links' })).toBeUndefined();
    const first = { premoderation: 'first' as const, premoderationFirst: 2 };
    expect(await runPhase(premoderation, input(body, { history: { approved: 1, rejected: 0, spam: 0, pending: 1 } }), first)).toMatchObject({ code: 'premoderation_first' });
    expect(await runPhase(premoderation, input(body, { history: { approved: 2, rejected: 0, spam: 0, pending: 0 } }), first)).toBeUndefined();
  });
});

/** The phase helper closes its store; keep a shared one open across calls. */
function wrap(store: InProcessRateLimitStore) {
  return { hit: store.hit.bind(store), hitAll: store.hitAll.bind(store), close: async () => {} } as unknown as InProcessRateLimitStore;
}
