import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_RATE_LIMITS: 'on', TRIBUNE_RATE_LIMIT_VOTES: '30/60s', TRIBUNE_RATE_LIMIT_COMMENTS: '100/60s' });
});
afterAll(() => server?.close());

const account = (email: string, name: string) => server.tribune.services.readerAccounts.signInWithVerifiedEmail('default', email, { name });

describe('@name mentions', () => {
  it('mark a reader account or an author of the site by exact name without regard to case; a shared name marks no one', async () => {
    expect((await createArticle(server, { slug: 'tide-tables' })).status).toBe(201);
    await account('ines.mention@example.org', 'Ines Duarte');
    await account('twin.one@example.org', 'Sam');
    await account('twin.two@example.org', 'sam');
    const posted = await new Guest(server.baseUrl).post('tide-tables', { body: 'Agree with @ines duarte; @Maya Okafor should ask @Sam, or @Nobody.', name: 'Tomas' });
    expect(posted.status).toBe(201);
    const html: string = posted.json.comment.html;
    expect(html).toContain('<span class="mention">@ines duarte</span>');
    expect(html).toContain('<span class="mention">@Maya Okafor</span>');
    expect(html).toContain('ask @Sam, or @Nobody.');
    expect(html.match(/class="mention"/g)).toHaveLength(2);
    // The thread shows what was stored.
    const thread = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/tide-tables/comments');
    expect(thread.json.comments[0].html).toBe(html);
  });

  it('are marked again when a comment is edited', async () => {
    expect((await createArticle(server, { slug: 'ferry-fares' })).status).toBe(201);
    await account('lin.mention@example.org', 'Lin');
    const guest = new Guest(server.baseUrl);
    const posted = await guest.post('ferry-fares', { body: 'Asking around.', name: 'Kees' });
    const edited = await guest.request('PATCH', `/api/v1/comments/${posted.json.comment.id}`, { body: 'Asking @Lin.' }, { 'x-edit-token': posted.json.editToken });
    expect(edited.status).toBe(200);
    expect(edited.json.comment.html).toBe('<p>Asking <span class="mention">@Lin</span>.</p>');
  });
});

describe('mention suggestions', () => {
  it('offer the thread’s signed-in participants and the site’s authors by name, never an address', async () => {
    expect((await createArticle(server, { slug: 'harbour-lights' })).status).toBe(201);
    const accounts = server.tribune.services.readerAccounts;
    const mari = await accounts.signInWithVerifiedEmail('default', 'mari.suggest@example.org', { name: 'Mari Lund' });
    await accounts.signInWithVerifiedEmail('default', 'elsewhere@example.org', { name: 'Marius Elsewhere' });
    const browser = new Guest(server.baseUrl);
    browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(mari)).token);
    expect((await browser.post('harbour-lights', { body: 'The lights are back on.' })).status).toBe(201);
    expect((await new Guest(server.baseUrl).post('harbour-lights', { body: 'A guest is no one to mention.', name: 'Mark Guest' })).status).toBe(201);

    const asked = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/harbour-lights/mention-suggestions?q=ma');
    expect(asked.status).toBe(200);
    expect(asked.json.suggestions).toEqual([
      { name: 'Mari Lund', kind: 'reader' },
      { name: 'Maya Okafor', kind: 'author' },
    ]);
    expect(JSON.stringify(asked.json)).not.toContain('@example.org');
    expect((await new Guest(server.baseUrl).request('GET', '/api/v1/threads/harbour-lights/mention-suggestions?q=okaf')).json.suggestions).toEqual([{ name: 'Maya Okafor', kind: 'author' }]);
    expect((await new Guest(server.baseUrl).request('GET', '/api/v1/threads/no-such-thread/mention-suggestions?q=a')).status).toBe(404);
    const long = await new Guest(server.baseUrl).request('GET', `/api/v1/threads/harbour-lights/mention-suggestions?q=${'a'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect(long.json.error.field).toBe('q');
  });

  it('are rate limited per client', async () => {
    const typist = new Guest(server.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await typist.request('GET', '/api/v1/threads/harbour-lights/mention-suggestions?q=m')).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
