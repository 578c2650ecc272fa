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
        const res = await post(host, 'busy-night', '198.51.100.7', `Comment number ${i} on ${host}, all different.`);
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
