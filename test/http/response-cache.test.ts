import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBus } from '../../src/adapters/bus/in-process.js';
import { ResponseCache, siteThread } from '../../src/http/response-cache.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

/** The cache knows a thread by its site and key. */
const BRIDGE = siteThread(DEFAULT_SITE_ID, 'bridge');

describe('response cache', () => {
  it('builds a missing page once for every request that waits on it, and again after the thread changes', async () => {
    const bus = new InProcessBus();
    const cache = new ResponseCache(bus);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `page ${builds}`;
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.getOrBuild('api:bridge:newest:', BRIDGE, build)));
    expect(new Set(answers.map(String))).toEqual(new Set(['page 1']));
    expect(builds).toBe(1);
    bus.publish({ type: 'comment.posted', siteId: DEFAULT_SITE_ID, threadKey: 'bridge', commentId: 1 });
    expect(String(await cache.getOrBuild('api:bridge:newest:', BRIDGE, build))).toBe('page 2');
    await bus.close();
  });

  it('does not keep a page the thread changed under while it was built', async () => {
    const bus = new InProcessBus();
    const cache = new ResponseCache(bus);
    let builds = 0;
    let release = () => {};
    const slow = () => new Promise<string>((resolve) => (release = () => resolve(`page ${++builds}`)));
    const first = cache.getOrBuild('page:bridge:oldest', BRIDGE, slow);
    bus.publish({ type: 'comment.posted', siteId: DEFAULT_SITE_ID, threadKey: 'bridge', commentId: 7 });
    release();
    expect(String(await first)).toBe('page 1');
    // The request after the change is not answered with the page built before it.
    const second = cache.getOrBuild('page:bridge:oldest', BRIDGE, slow);
    release();
    expect(String(await second)).toBe('page 2');
    await bus.close();
  });
});

describe('response cache size', () => {
  it('keeps pages up to its byte bound, dropping the oldest first, and never one larger than the bound', async () => {
    const bus = new InProcessBus();
    const cache = new ResponseCache(bus, 60_000, 1000, Date.now, 1000, 250);
    const page = (n: number) => async () => `${n}`.padEnd(100, '.');
    for (const n of [1, 2, 3]) await cache.getOrBuild(`page:${n}`, BRIDGE, page(n));
    // 300 bytes asked for, 250 allowed: the first page went, the later two are kept.
    expect(cache.get('page:1')).toBeUndefined();
    expect(String(cache.get('page:2'))).toMatch(/^2\./);
    expect(String(cache.get('page:3'))).toMatch(/^3\./);
    await cache.getOrBuild('page:huge', BRIDGE, async () => 'x'.repeat(300));
    expect(cache.get('page:huge')).toBeUndefined();
    expect(cache.get('page:3')).toBeDefined();
    await bus.close();
  });
});

describe('response cache after votes', () => {
  it('keeps serving the page after a vote and rebuilds it in the background at most once a second', async () => {
    const bus = new InProcessBus();
    let now = 1_000_000;
    const cache = new ResponseCache(bus, 60_000, 1000, () => now);
    let builds = 0;
    const build = async () => `page ${++builds}`;
    const key = 'api:bridge:votes:';
    expect(String(await cache.getOrBuild(key, BRIDGE, build))).toBe('page 1');
    bus.publish({ type: 'comment.voted', siteId: DEFAULT_SITE_ID, threadKey: 'bridge', commentId: 3 });
    // Within the second after the build, readers get the kept page and nothing is rebuilt.
    now += 500;
    expect(String(await cache.getOrBuild(key, BRIDGE, build))).toBe('page 1');
    expect(builds).toBe(1);
    // After it, one reader starts a rebuild and still gets the kept page; the next sees the new counts.
    now += 600;
    expect(String(await cache.getOrBuild(key, BRIDGE, build))).toBe('page 1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(builds).toBe(2);
    expect(String(await cache.getOrBuild(key, BRIDGE, build))).toBe('page 2');
    // A new comment is not a vote: the next reader waits for a page that shows it.
    bus.publish({ type: 'comment.posted', siteId: DEFAULT_SITE_ID, threadKey: 'bridge', commentId: 4 });
    expect(String(await cache.getOrBuild(key, BRIDGE, build))).toBe('page 3');
    await bus.close();
  });

  it('gives the reader who just voted a page that counts their vote, not the kept one', async () => {
    const bus = new InProcessBus();
    let now = 1_000_000;
    const cache = new ResponseCache(bus, 60_000, 1000, () => now);
    const pending: Array<() => void> = [];
    let started = 0;
    const slow = () => {
      const page = `page ${++started}`;
      return new Promise<string>((resolve) => pending.push(() => resolve(page)));
    };
    const key = 'page:bridge:oldest';
    const first = cache.getOrBuild(key, BRIDGE, slow);
    pending.shift()?.();
    expect(String(await first)).toBe('page 1');
    now += 2000;
    bus.publish({ type: 'comment.voted', siteId: DEFAULT_SITE_ID, threadKey: 'bridge', commentId: 3 });
    // Another reader gets the kept page and starts a rebuild; then our reader votes and reloads.
    expect(String(await cache.getOrBuild(key, BRIDGE, slow))).toBe('page 1');
    bus.publish({ type: 'comment.voted', siteId: DEFAULT_SITE_ID, threadKey: 'bridge', commentId: 3 });
    const voter = cache.getOrBuild(key, BRIDGE, slow, { withVotesCounted: true });
    // The rebuild that started before the vote does not answer the voter: a build after it does.
    expect(started).toBe(3);
    for (const finish of pending.splice(0)) finish();
    expect(String(await voter)).toBe('page 3');
    expect(String(await cache.getOrBuild(key, BRIDGE, slow))).toBe('page 3');
    await bus.close();
  });
});

describe('cached first pages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await createArticle(server, { slug: 'harbour' });
    expect((await new Guest(server.baseUrl).post('harbour', { body: 'The ferry was late again this morning.', name: 'Ada' })).status).toBe(201);
  });
  afterAll(() => server?.close());

  it('are served without touching the database', async () => {
    const urls = ['/api/v1/threads/harbour/comments?sort=newest', '/api/v1/threads/harbour/comments?sort=votes', '/articles/harbour'];
    const first = await Promise.all(urls.map(async (url) => (await fetch(`${server.baseUrl}${url}`)).text()));
    // Every query from now on fails, as it would with the database gone.
    const db = server.tribune.database.db as unknown as { getExecutor(): { executeQuery: unknown } };
    const executor = db.getExecutor();
    const original = executor.executeQuery;
    executor.executeQuery = () => Promise.reject(new Error('the database was asked'));
    try {
      for (const [i, url] of urls.entries()) {
        const res = await fetch(`${server.baseUrl}${url}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(first[i]);
      }
      expect((await fetch(`${server.baseUrl}/api/v1/threads/harbour/comments?sort=newest&limit=5`)).status).toBe(500);
    } finally {
      executor.executeQuery = original;
    }
  });
});
