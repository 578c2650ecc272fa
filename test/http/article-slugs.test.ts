import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

/**
 * An article's address may change (PATCH with a new slug); links already shared keep working: the
 * old address answers 301 to the new one, and the discussion moves with the article.
 */
let server: TestServer;
let staff: Guest;
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const get = (path: string) => fetch(`${server.baseUrl}${path}`, { redirect: 'manual' });
const rename = (from: string, slug: string) => staff.request('PATCH', `/api/v1/admin/articles/${from}`, { slug }, bearer);

beforeAll(async () => {
  server = await startServer();
  staff = new Guest(server.baseUrl);
  expect((await createArticle(server, { slug: 'bridge-vote', title: 'Bridge vote tonight' })).status).toBe(201);
  expect((await createArticle(server, { slug: 'ferry-news', title: 'Ferry news' })).status).toBe(201);
  expect((await new Guest(server.baseUrl).post('bridge-vote', { body: 'I will be there.', name: 'Reader' })).status).toBe(201);
});
afterAll(async () => {
  await server?.close();
});

describe('changing an article’s slug', () => {
  it('moves the article and its discussion; the old address answers 301 to the new one, query kept', async () => {
    const moved = await rename('bridge-vote', 'bridge-approved');
    expect(moved.status).toBe(200);
    expect(moved.json.article.slug).toBe('bridge-approved');

    const old = await get('/articles/bridge-vote?sort=newest');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/articles/bridge-approved?sort=newest');
    const page = await get('/articles/bridge-approved');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('I will be there.');
    const thread = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/bridge-approved/comments');
    expect(thread.json.comments.map((c: { html: string }) => c.html).join()).toContain('I will be there.');
    expect(await get('/').then((r) => r.text())).toContain('href="/articles/bridge-approved"');
  });

  it('keeps every earlier address leading to the current one, and lets an article take back an old slug', async () => {
    expect((await rename('bridge-approved', 'bridge-built')).status).toBe(200);
    for (const old of ['bridge-vote', 'bridge-approved']) expect((await get(`/articles/${old}`)).headers.get('location'), old).toBe('/articles/bridge-built');

    expect((await rename('bridge-built', 'bridge-vote')).status).toBe(200);
    expect((await get('/articles/bridge-vote')).status).toBe(200);
    for (const old of ['bridge-approved', 'bridge-built']) expect((await get(`/articles/${old}`)).headers.get('location'), old).toBe('/articles/bridge-vote');
  });

  it('refuses a slug another article uses, or one that is not a slug, naming the field', async () => {
    const taken = await rename('ferry-news', 'bridge-vote');
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'slug_taken', field: 'slug' });
    const bad = await rename('ferry-news', 'Ferry News!');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'slug_invalid', field: 'slug' });
    expect((await get('/articles/ferry-news')).status).toBe(200);
    expect((await get('/articles/never-was')).status).toBe(404);
  });
});
