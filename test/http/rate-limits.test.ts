import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_RATE_LIMITS: 'on', TRIBUNE_RATE_LIMIT_COMMENTS: '3/60s', TRIBUNE_RATE_LIMIT_VOTES: '2/60s' });
  await createArticle(server, { slug: 'limits' });
});
afterAll(() => server?.close());

it('stops a client posting faster than the setting allows, saying when to try again', async () => {
  const guest = new Guest(server.baseUrl);
  for (let i = 0; i < 3; i++) expect((await guest.post('limits', { body: `Comment ${i}` })).status).toBe(201);
  const blocked = await guest.post('limits', { body: 'One too many' });
  expect(blocked.status).toBe(429);
  expect(blocked.json.error.code).toBe('rate_limited');
  expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  // A fresh cookie does not help: the limit is per client address.
  expect((await new Guest(server.baseUrl, { address: guest.address }).post('limits', { body: 'New cookie' })).status).toBe(429);
  const page = (await guest.request('GET', '/api/v1/threads/limits/comments')).json;
  expect(page.count).toBe(3);
});

it('limits votes separately', async () => {
  const id = (await new Guest(server.baseUrl).request('GET', '/api/v1/threads/limits/comments')).json.comments[0].id;
  const voter = new Guest(server.baseUrl);
  expect((await voter.request('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(200);
  expect((await voter.request('POST', `/api/v1/comments/${id}/vote`, { value: 0 })).status).toBe(200);
  expect((await voter.request('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(429);
});

it('counts readers behind a trusted proxy by their forwarded address', async () => {
  const proxied = await startServer({ TRIBUNE_RATE_LIMITS: 'on', TRIBUNE_RATE_LIMIT_COMMENTS: '1/60s', TRIBUNE_TRUST_PROXY: '127.0.0.1' });
  try {
    await createArticle(proxied, { slug: 'proxied' });
    const post = (ip: string) => new Guest(proxied.baseUrl).request('POST', '/api/v1/threads/proxied/comments', { name: 'A', body: `From ${ip}` }, { 'x-forwarded-for': ip });
    expect((await post('203.0.113.1')).status).toBe(201);
    expect((await post('203.0.113.2')).status).toBe(201);
    expect((await post('203.0.113.1')).status).toBe(429);
  } finally {
    await proxied.close();
  }
});

it('a refused retry is not counted: once the wait is over, the comment goes through', async () => {
  const short = await startServer({ TRIBUNE_RATE_LIMITS: 'on', TRIBUNE_RATE_LIMIT_COMMENTS: '2/4s' });
  try {
    await createArticle(short, { slug: 'retry' });
    // Two comments from one browser use up the address's count; a second browser there is told to wait.
    const first = new Guest(short.baseUrl);
    for (let i = 0; i < 2; i++) expect((await first.post('retry', { body: `Quick thought ${i}` })).status).toBe(201);
    const guest = new Guest(short.baseUrl, { address: first.address });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const refused = await guest.post('retry', { body: 'A third thought', email: 'reader@example.org' });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    for (let i = 0; i < 3; i++) {
      const again = await guest.post('retry', { body: 'A third thought', email: 'reader@example.org' });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(wait);
    }
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await guest.post('retry', { body: 'A third thought', email: 'reader@example.org' })).status).toBe(201);
  } finally {
    await short.close();
  }
});
