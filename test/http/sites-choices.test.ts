import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startServer, type TestServer } from '../support/server.js';
import { requestAs } from '../support/host-request.js';

/**
 * What each site chose for its own discussions (rate limits, moderation policy) applies on it alone:
 * the same reader doing the same thing on two sites of one Tribune is treated as each site chose.
 */
let server: TestServer;
const DEFAULT_HOST = 'localhost';

const admin = (host: string, method: string, path: string, body?: unknown) =>
  requestAs(server.baseUrl, host, method, path, { ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

async function siteWith(id: string, settings: Record<string, unknown>): Promise<string> {
  const host = `${id}.test`;
  const created = await admin(DEFAULT_HOST, 'POST', '/api/v1/admin/sites', { id, name: `The ${id} Herald`, hosts: [host], settings });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return host;
}

async function article(host: string, slug: string): Promise<void> {
  const res = await admin(host, 'POST', '/api/v1/admin/articles', { slug, title: `Story ${slug}`, body: 'The full story.', author: { name: 'Maya Okafor' } });
  expect(res.status).toBe(201);
}

/** A reader's browser on one site's address: keeps its reader cookie, so the site knows its record. */
class Visitor {
  private cookie = '';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {}

  async post(slug: string, body: string, name = 'Pat Reader') {
    const res = await requestAs(server.baseUrl, this.host, 'POST', `/api/v1/threads/${slug}/comments`, {
      body: { body, name },
      headers: { 'x-forwarded-for': this.address, ...(this.cookie ? { cookie: this.cookie } : {}) },
    });
    const reader = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('tribune_reader='));
    if (reader) this.cookie = reader.split(';')[0]!;
    return res;
  }
}

/** What became of a comment, as its author is told: published (201), held (202) or refused (400). */
const outcome = (status: number) => ({ 201: 'published', 202: 'held', 400: 'refused' })[status] ?? `status ${status}`;

/** A guest posting from `address` on `host`, with a fresh browser each time. */
const post = (host: string, slug: string, address: string, body: string) =>
  requestAs(server.baseUrl, host, 'POST', `/api/v1/threads/${slug}/comments`, { body: { body, name: 'Pat Reader' }, headers: { 'x-forwarded-for': address } });

beforeAll(async () => {
  server = await startServer({ TRIBUNE_RATE_LIMITS: 'on' });
});
afterAll(async () => {
  await server?.close();
});

describe('comment rate limits', () => {
  it('each site refuses comments past its own burst limit, and one that chose none keeps the installation\'s 5 a minute', async () => {
    const strict = await siteWith('strict', { rateLimits: { comments: { limit: 1, windowMs: 60_000 } } });
    const relaxed = await siteWith('relaxed', { rateLimits: { comments: { limit: 4, windowMs: 60_000 } } });
    const accepted: Record<string, number> = {};
    // The same reader, from the same address, on three sites.
    for (const host of [strict, relaxed, DEFAULT_HOST]) {
      await article(host, 'busy-night');
      accepted[host] = 0;
      for (let i = 0; i < 7; i++) {
        const res = await post(host, 'busy-night', '198.51.100.7', `My thought number ${i} about the busy night at the harbour.`);
        if (res.status === 429) {
          expect(res.json.error.code).toBe('rate_limited');
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          break;
        }
        expect(res.status).toBe(201);
        accepted[host]! += 1;
      }
    }
    expect(accepted).toEqual({ [strict]: 1, [relaxed]: 4, [DEFAULT_HOST]: 5 });
  });

  it('also limits a guest’s subscriptions by e-mail, which mail someone as a comment may', async () => {
    const host = await siteWith('subscribing', { rateLimits: { comments: { limit: 1, windowMs: 60_000 } } });
    await article(host, 'follow-me');
    const subscribe = (email: string) =>
      requestAs(server.baseUrl, host, 'POST', '/api/v1/threads/follow-me/subscriptions', { body: { kind: 'thread', email }, headers: { 'x-forwarded-for': '198.51.100.20' } });
    expect((await subscribe('one@example.org')).status).toBe(202);
    expect((await subscribe('two@example.org')).status).toBe(429);
  });

  it('a changed limit applies from the next comment', async () => {
    const host = await siteWith('changing', { rateLimits: { comments: { limit: 1, windowMs: 60_000 } } });
    await article(host, 'change');
    expect((await post(host, 'change', '198.51.100.8', 'The first comment here.')).status).toBe(201);
    expect((await post(host, 'change', '198.51.100.8', 'The second comment here.')).status).toBe(429);
    expect((await admin(DEFAULT_HOST, 'PATCH', '/api/v1/admin/sites/changing', { settings: { rateLimits: { comments: { limit: 3, windowMs: 60_000 } } } })).status).toBe(200);
    expect((await post(host, 'change', '198.51.100.8', 'The second comment, now allowed.')).status).toBe(201);
  });

  it('refuses a limit that is not a count and a window, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ comments: { limit: 0, windowMs: 60_000 } }, 'settings.rateLimits.comments.limit'],
      [{ comments: { limit: 'five', windowMs: 60_000 } }, 'settings.rateLimits.comments.limit'],
      [{ comments: { limit: 3, windowMs: 10 } }, 'settings.rateLimits.comments.windowMs'],
      [{ comments: { limit: 3 } }, 'settings.rateLimits.comments.windowMs'],
    ];
    for (const [rateLimits, field] of cases) {
      const res = await admin(DEFAULT_HOST, 'POST', '/api/v1/admin/sites', { id: 'bad-limits', name: 'Bad limits', settings: { rateLimits } });
      expect(res.status, JSON.stringify(rateLimits)).toBe(400);
      expect(res.json.error.field, JSON.stringify(rateLimits)).toBe(field);
    }
  });
});

describe('moderation policy', () => {
  let addresses = 0;
  const visitor = (host: string) => new Visitor(host, `203.0.113.${++addresses}`);

  it('judges the same profanity as each site chose: published, held or refused', async () => {
    const holding = await siteWith('prim', { profanity: 'hold' });
    const refusing = await siteWith('prude', { profanity: 'reject' });
    const seen: Record<string, string> = {};
    for (const host of [DEFAULT_HOST, holding, refusing]) {
      await article(host, 'roadworks');
      const res = await visitor(host).post('roadworks', 'These roadworks are a load of shit, three months late.');
      seen[host] = outcome(res.status);
      if (res.status === 400) expect(res.json.error).toMatchObject({ code: 'comment_rejected', field: 'body' });
    }
    expect(seen).toEqual({ [DEFAULT_HOST]: 'published', [holding]: 'held', [refusing]: 'refused' });
  });

  it('judges the same insult at another reader as each site chose', async () => {
    const allowing = await siteWith('rough', { insults: 'allow' });
    const refusing = await siteWith('polite', { insults: 'reject' });
    const seen: Record<string, string> = {};
    for (const host of [DEFAULT_HOST, allowing, refusing]) {
      await article(host, 'budget');
      const res = await visitor(host).post('budget', 'You are an idiot if you think this budget adds up.');
      seen[host] = outcome(res.status);
    }
    // The installation holds insults for a moderator (TRIBUNE_INSULTS=hold).
    expect(seen).toEqual({ [DEFAULT_HOST]: 'held', [allowing]: 'published', [refusing]: 'refused' });
  });

  it('holds a new commenter\'s first comments as many times as each site chose', async () => {
    const once = await siteWith('once', { premoderation: 'first' });
    const thrice = await siteWith('thrice', { premoderation: 'first', premoderationFirst: 3 });
    const seen: Record<string, string[]> = {};
    for (const host of [once, thrice]) {
      await article(host, 'newcomers');
      const reader = visitor(host);
      seen[host] = [];
      for (let i = 0; i < 4; i++) {
        const res = await reader.post('newcomers', `${['Welcome', 'Thanks', 'Good luck', 'Well done'][i]} to the new harbour master, from a reader.`);
        seen[host]!.push(outcome(res.status));
        // A moderator approves each held comment, so the reader builds a record on this site.
        if (res.status === 202) expect((await admin(host, 'POST', '/api/v1/moderation/actions', { action: 'approve', ids: [res.json.comment.id] })).status).toBe(200);
      }
    }
    expect(seen).toEqual({
      [once]: ['held', 'published', 'published', 'published'],
      [thrice]: ['held', 'held', 'held', 'published'],
    });
  });

  it('judges a display name by the site\'s choices too', async () => {
    const refusing = await siteWith('strict-names', { profanity: 'reject' });
    await article(refusing, 'names');
    await article(DEFAULT_HOST, 'names');
    const name = 'Shit Stirrer';
    // The installation allows plain profanity, in names too; the name's verdict is remembered.
    expect(outcome((await visitor(DEFAULT_HOST).post('names', 'A fair point about the names.', name)).status)).toBe('published');
    const refused = await visitor(refusing).post('names', 'A fair point about the names.', name);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'name_not_allowed', field: 'name' });
    // Back on the default site, the name is judged as it was there.
    expect(outcome((await visitor(DEFAULT_HOST).post('names', 'Another fair point about names.', name)).status)).toBe('published');
  });

  it('refuses a policy it does not know, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ profanity: 'ban' }, 'settings.profanity'],
      [{ insults: true }, 'settings.insults'],
      [{ premoderationFirst: 0 }, 'settings.premoderationFirst'],
      [{ premoderationFirst: 2.5 }, 'settings.premoderationFirst'],
    ];
    for (const [settings, field] of cases) {
      const res = await admin(DEFAULT_HOST, 'POST', '/api/v1/admin/sites', { id: 'bad-policy', name: 'Bad policy', settings });
      expect(res.status, JSON.stringify(settings)).toBe(400);
      expect(res.json.error.field, JSON.stringify(settings)).toBe(field);
    }
  });
});
