import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startServerProcess, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN } from '../support/server.js';

let database: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServerProcess({ ...database.env, TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN, TRIBUNE_RATE_LIMITS: 'off', TRIBUNE_MIN_FILL_SECONDS: '0' });
  const created = await fetch(`${server.baseUrl}/api/v1/admin/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ slug: 'crowded', title: 'Crowded', body: 'Text.', author: { name: 'Maya' } }),
  });
  expect(created.status).toBe(201);
  // A full page of comments makes every answer tens of kilobytes, as on a busy article.
  for (let i = 0; i < 100; i++) {
    const posted = await fetch(`${server.baseUrl}/api/v1/threads/crowded/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Reader ${i}`, body: `Comment number ${i}: ${'a considered opinion about the harbour bridge. '.repeat(8)}` }),
    });
    expect(posted.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await server?.kill('SIGKILL');
  await database?.drop();
});

/** The attack: each connection pipelines `requests` GETs in one go and never reads an answer. */
function attack(connections: number, requests: number): net.Socket[] {
  const { port } = new URL(server.baseUrl);
  const one = 'GET /api/v1/threads/crowded/comments?limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const burst = Buffer.from(one.repeat(requests));
  return Array.from({ length: connections }, () => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write(burst));
    socket.on('error', () => {});
    socket.pause(); // never read
    return socket;
  });
}

it('survives clients that pipeline thousands of requests and never read, with memory bounded and /healthz answering', async () => {
  const before = server.residentMb();
  const sockets = attack(50, 2000);
  let peak = before;
  const healthTimes: number[] = [];
  const until = Date.now() + 10_000;
  while (Date.now() < until && server.alive()) {
    peak = Math.max(peak, server.residentMb());
    const started = Date.now();
    const health = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (health) healthTimes.push(Date.now() - started);
    expect(health?.status, 'healthz answered during the attack').toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (const socket of sockets) socket.destroy();
  console.log(`pipelining attack: resident memory ${Math.round(before)} MB before, ${Math.round(peak)} MB at peak; slowest /healthz ${Math.max(...healthTimes)} ms`);

  expect(server.alive(), `the server died:\n${server.output().slice(-2000)}`).toBe(true);
  // Without the bound the heap climbs past npm start's 160 MB limit and the process dies.
  expect(peak, `resident memory peaked at ${Math.round(peak)} MB (from ${Math.round(before)} MB)`).toBeLessThan(before + 120);
  expect(Math.max(...healthTimes)).toBeLessThan(10_000);
  const after = await fetch(`${server.baseUrl}/api/v1/threads/crowded/comments?limit=100`);
  expect((await after.json()).comments).toHaveLength(100);
}, 90_000);
