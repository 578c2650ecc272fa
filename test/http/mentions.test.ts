import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
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
