import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

/** A failure on our side tells the client nothing, and tells the operator everything: the error and its stack. */

let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await startServer({}, { logger: { level: 'error', stream: { write: (line: string) => void lines.push(line) } } });
  await createArticle(server, { slug: 'broken' });
});
afterAll(() => server?.close());

it('logs a server error with the error and its stack, and answers 500 with nothing internal', async () => {
  const id = (await new Guest(server.baseUrl).post('broken', { body: 'A comment to vote on.' })).json.comment.id;
  // Break the database under the running server, as a failed disk or a bad migration would.
  await server.tribune.database.db.schema.dropTable('votes').execute();
  const answer = await new Guest(server.baseUrl).request('POST', `/api/v1/comments/${id}/vote`, { value: 1 });
  expect(answer.status).toBe(500);
  expect(answer.json).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side; nothing was changed.' } });
  const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request failed');
  expect(logged?.err?.message).toMatch(/votes/);
  expect(logged?.err?.stack).toMatch(/\n\s+at /);
});
