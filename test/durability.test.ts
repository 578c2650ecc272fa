import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { ADMIN_TOKEN } from './support/server.js';

/**
 * What Tribune promises about durability: a comment answered with 201 is stored. Readers post
 * as fast as they can, the process is killed with SIGKILL mid-stream (no shutdown of any kind),
 * and after a restart on the same database every acknowledged comment is there.
 */

let database: TestDatabase;
let server: ServerProcess | undefined;
const env = () => ({ ...database.env, TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN, TRIBUNE_RATE_LIMITS: 'off', TRIBUNE_MIN_FILL_SECONDS: '0' });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await server?.kill('SIGKILL');
  await database?.drop();
});

async function allShownIds(baseUrl: string): Promise<Set<number>> {
  const ids = new Set<number>();
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const response = await fetch(`${baseUrl}/api/v1/threads/durable/comments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const body = (await response.json()) as { comments: { id: number }[]; nextCursor: string | null };
    for (const comment of body.comments) ids.add(comment.id);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

it('keeps every comment it answered 201 across kill -9 and a restart', async () => {
  server = await startServerProcess(env());
  const created = await fetch(`${server.baseUrl}/api/v1/admin/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ slug: 'durable', title: 'Durable', body: 'Text.', author: { name: 'Maya' } }),
  });
  expect(created.status).toBe(201);

  const acknowledged: number[] = [];
  let stop = false;
  let sent = 0;
  const baseUrl = server.baseUrl;
  const poster = async (n: number) => {
    while (!stop && sent < 20_000) {
      sent++;
      try {
        const response = await fetch(`${baseUrl}/api/v1/threads/durable/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Poster ${n}`, body: `Comment ${sent} from poster ${n}, posted at ${Date.now()}.` }),
        });
        if (response.status === 201) acknowledged.push(((await response.json()) as { comment: { id: number } }).comment.id);
        else await response.body?.cancel();
      } catch {
        // The connection died with the process: this post was never acknowledged.
      }
    }
  };
  const posters = Array.from({ length: 8 }, (_, n) => poster(n));
  // Enough answered to mean something, however busy the machine (other suites share its cores).
  const waitUntil = Date.now() + 60_000;
  while (acknowledged.length < 80 && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 50));
  await server.kill('SIGKILL'); // mid-stream: posts are still in flight
  stop = true;
  await Promise.all(posters);
  expect(acknowledged.length).toBeGreaterThan(50);

  server = await startServerProcess(env());
  const stored = await allShownIds(server.baseUrl);
  const lost = acknowledged.filter((id) => !stored.has(id));
  console.log(`durability: ${acknowledged.length} comments acknowledged with 201 before kill -9, ${stored.size} shown after restart, ${lost.length} lost`);
  expect(lost).toEqual([]);
}, 120_000);
