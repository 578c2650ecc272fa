import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, StaffBrowser } from '../support/staff-browser.js';

/**
 * Articles in the staff pages (/staff/articles): the list each writer sees, the New article and
 * Edit forms without script, Preview before saving, and the fields at fault named beside them.
 */
const PASSWORD = 'newsroom password 1';
let server: TestServer;
let editor: StaffBrowser;
let author: StaffBrowser;
let otherAuthor: StaffBrowser;
let moderator: StaffBrowser;

const page = (path: string) => fetch(`${server.baseUrl}${path}`);
/** The form's fields as a writer fills them in. */
const filled = (fields: Partial<Record<'title' | 'standfirst' | 'body' | 'authorName' | 'authorRole' | 'topics', string>>) => ({
  title: '',
  standfirst: '',
  body: '',
  authorName: '',
  authorRole: '',
  topics: '',
  ...fields,
});

/** Opens New article, fills it in and presses the button `press`; returns the answer. */
async function writeNew(browser: StaffBrowser, fields: Parameters<typeof filled>[0], press: 'preview' | 'save') {
  const form = await browser.open('/staff/articles/new');
  return browser.send('POST', '/staff/articles/new', { form: { ...filled(fields), csrf: form.csrf, do: press } });
}

beforeAll(async () => {
  server = await startServer();
  const staff = server.tribune.services.staff;
  await staff.createStaff({ email: 'desk@example.org', name: 'Dana Desk', role: 'editor', password: PASSWORD });
  await staff.createStaff({ email: 'ana@example.org', name: 'Ana Writer', role: 'author', password: PASSWORD });
  await staff.createStaff({ email: 'ben@example.org', name: 'Ben Writer', role: 'author', password: PASSWORD });
  await staff.createStaff({ email: 'mod@example.org', name: 'Mo Moderator', role: 'moderator', password: PASSWORD });
  [editor, author, otherAuthor, moderator] = await Promise.all(
    ['desk@example.org', 'ana@example.org', 'ben@example.org', 'mod@example.org'].map((email) => signedIn(server.baseUrl, email, PASSWORD)),
  );
  expect((await createArticle(server, { slug: 'harbour-wall', title: 'The harbour wall' })).status).toBe(201);
  expect((await new Guest(server.baseUrl).post('harbour-wall', { body: 'A reader’s view.', name: 'Reader' })).status).toBe(201);
});
afterAll(async () => {
  await server?.close();
});

describe('the list of articles', () => {
  it('is linked from the staff home page for writers, not for moderators', async () => {
    for (const writer of [editor, author]) expect((await writer.open('/staff')).text).toContain('href="/staff/articles"');
    expect((await moderator.open('/staff')).text).not.toContain('href="/staff/articles"');
  });

  it('shows an editor every article with its author, date and comment count', async () => {
    const list = await editor.open('/staff/articles');
    const row = /<tr data-slug="harbour-wall">([\s\S]*?)<\/tr>/.exec(list.text)?.[1] ?? '';
    expect(row).toContain('The harbour wall');
    expect(row).toContain('Maya Okafor');
    expect(row).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    expect(row).toMatch(/class="sa-count">1<span class="sa-count__word"> comment</);
    expect(row).toContain('href="/staff/articles/harbour-wall/edit"');
    expect(list.text).toContain('href="/staff/articles/new"');
  });

  it('shows an author only the articles they published', async () => {
    expect((await writeNew(author, { title: 'Ana’s market report', body: 'Stalls.', authorName: 'Ana Writer' }, 'save')).status).toBe(303);
    const theirs = await author.open('/staff/articles');
    expect(theirs.text).toContain('data-slug="ana-s-market-report"');
    expect(theirs.text).not.toContain('data-slug="harbour-wall"');
    expect((await otherAuthor.open('/staff/articles')).text).not.toContain('data-slug="ana-s-market-report"');
    expect((await editor.open('/staff/articles')).text).toContain('data-slug="ana-s-market-report"');
  });

  it('sends a visitor without a staff session to sign in', async () => {
    const res = await new StaffBrowser(server.baseUrl).send('GET', '/staff/articles');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff/sign-in');
  });
});

describe('New article', () => {
  it('previews the Markdown as the article page will show it, without saving', async () => {
    const res = await writeNew(editor, { title: 'Ferry timetable', body: '## Changes\n\nThe **early** boat goes.\n\n> Quote', authorName: 'Dana Desk' }, 'preview');
    expect(res.status).toBe(200);
    const preview = res.text.slice(res.text.indexOf('class="sa-preview"'));
    expect(preview).toContain('<h2>Changes</h2>');
    expect(preview).toContain('<strong>early</strong>');
    expect(preview).toContain('<blockquote>');
    // What was typed stays in the form.
    expect(res.text).toMatch(/<textarea id="body"[^>]*>## Changes\n\nThe \*\*early\*\* boat goes/);
    expect(res.text).toContain('value="Ferry timetable"');
    expect((await page('/articles/ferry-timetable')).status).toBe(404);
  });

  it('publishes with its byline and topics, and the article is on the site', async () => {
    const res = await writeNew(
      editor,
      { title: 'Night buses return', standfirst: 'Three routes from Monday.', body: 'The *night* buses are back.', authorName: 'Sam Lee', authorRole: 'transport reporter', topics: 'Transport, City hall' },
      'save',
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff/articles?saved=night-buses-return');
    expect((await editor.open(res.location)).text).toContain('href="/articles/night-buses-return"');
    const article = await page('/articles/night-buses-return').then((r) => r.text());
    expect(article).toContain('Night buses return');
    expect(article).toContain('Three routes from Monday.');
    expect(article).toContain('<em>night</em>');
    expect(article).toContain('Sam Lee');
    expect(article).toContain('transport reporter');
    expect(await page('/').then((r) => r.text())).toContain('Night buses return');
    for (const topic of ['transport', 'city-hall']) expect(await page(`/topics/${topic}/feed.xml`).then((r) => r.text()), topic).toContain('Night buses return');
  });

  it('names the field at fault beside it and keeps what was typed', async () => {
    const noTitle = await writeNew(editor, { body: 'Text without a title.', authorName: 'Dana Desk' }, 'save');
    expect(noTitle.status).toBe(400);
    expect(noTitle.text).toMatch(/<p class="sa-error" id="title-error">An article needs a title\.<\/p>\s*<input id="title"[^>]*aria-invalid="true"/);
    expect(noTitle.text).toContain('Text without a title.');

    const noBody = await writeNew(editor, { title: 'Empty story', authorName: 'Dana Desk' }, 'save');
    expect(noBody.status).toBe(400);
    expect(noBody.text).toContain('id="body-error">An article needs a body.');

    const noAuthor = await writeNew(editor, { title: 'Anonymous story', body: 'Text.' }, 'save');
    expect(noAuthor.status).toBe(400);
    expect(noAuthor.text).toContain('id="authorName-error">An article needs an author name.');

    const taken = await writeNew(editor, { title: 'Night buses return', body: 'Again.', authorName: 'Dana Desk' }, 'save');
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('id="title-error">An article already uses the slug');
    for (const slug of ['empty-story', 'anonymous-story']) expect((await page(`/articles/${slug}`)).status).toBe(404);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await editor.send('POST', '/staff/articles/new', { form: { ...filled({ title: 'Forged', body: 'x', authorName: 'X' }), do: 'save', csrf: 'wrong' } });
    expect(res.status).toBe(403);
    expect((await page('/articles/forged')).status).toBe(404);
  });
});

describe('Edit', () => {
  it('opens with the article’s Markdown and saves changes to its text, byline and topics', async () => {
    const form = await editor.open('/staff/articles/harbour-wall/edit');
    expect(form.text).toContain('value="The harbour wall"');
    expect(form.text).toMatch(/<textarea id="body"[^>]*>First paragraph\.\n\nSecond paragraph\.<\/textarea>/);
    expect(form.text).toContain('value="Maya Okafor"');

    const fields = filled({ title: 'The harbour wall, repaired', body: 'First paragraph.\n\n**Repaired** in May.', authorName: 'Maya Okafor', authorRole: 'harbour reporter', topics: 'Harbour' });
    const preview = await editor.send('POST', '/staff/articles/harbour-wall/edit', { form: { ...fields, csrf: form.csrf, do: 'preview' } });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<strong>Repaired</strong>');
    expect(await page('/articles/harbour-wall').then((r) => r.text())).not.toContain('Repaired');

    const saved = await editor.send('POST', '/staff/articles/harbour-wall/edit', { form: { ...fields, csrf: form.csrf, do: 'save' } });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/staff/articles?saved=harbour-wall');
    const article = await page('/articles/harbour-wall').then((r) => r.text());
    expect(article).toContain('The harbour wall, repaired');
    expect(article).toContain('<strong>Repaired</strong>');
    expect(article).toContain('harbour reporter');
    expect(await page('/topics/harbour/feed.xml').then((r) => r.text())).toContain('The harbour wall, repaired');
    // The topics typed replace the article's earlier ones.
    expect(await page('/topics/city-hall/feed.xml').then((r) => r.text())).not.toContain('The harbour wall');
  });

  it('lets an author change their own article but not another writer’s', async () => {
    expect((await writeNew(author, { title: 'Ana’s tide tables', body: 'High water at noon.', authorName: 'Ana Writer' }, 'save')).status).toBe(303);
    const own = await author.open('/staff/articles/ana-s-tide-tables/edit');
    const saved = await author.send('POST', '/staff/articles/ana-s-tide-tables/edit', { form: { ...filled({ title: 'Ana’s tide tables', body: 'High water at one.', authorName: 'Ana Writer' }), csrf: own.csrf, do: 'save' } });
    expect(saved.status).toBe(303);
    expect(await page('/articles/ana-s-tide-tables').then((r) => r.text())).toContain('High water at one.');

    const notTheirs = await otherAuthor.send('GET', '/staff/articles/ana-s-tide-tables/edit');
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.text).toContain('Authors can change only the articles they published');
    const csrf = (await otherAuthor.open('/staff/articles')).csrf || (await otherAuthor.open('/staff')).csrf;
    for (const press of ['preview', 'save']) {
      const res = await otherAuthor.send('POST', '/staff/articles/ana-s-tide-tables/edit', { form: { ...filled({ title: 'Taken over', body: 'Mine now.', authorName: 'Ben Writer' }), csrf, do: press } });
      expect(res.status, press).toBe(403);
    }
    expect(await page('/articles/ana-s-tide-tables').then((r) => r.text())).not.toContain('Mine now.');
  });

  it('changes the address; the old one leads to the new one, and a bad address is named beside its field', async () => {
    const form = await editor.open('/staff/articles/night-buses-return/edit');
    expect(form.text).toContain('value="night-buses-return"');
    const fields = filled({ title: 'Night buses return', body: 'The *night* buses are back.', authorName: 'Sam Lee', topics: 'Transport' });
    const bad = await editor.send('POST', '/staff/articles/night-buses-return/edit', { form: { ...fields, slug: 'Night Buses!', csrf: form.csrf, do: 'save' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="slug-error">A slug is lowercase letters');
    const saved = await editor.send('POST', '/staff/articles/night-buses-return/edit', { form: { ...fields, slug: 'night-buses-are-back', csrf: form.csrf, do: 'save' } });
    expect(saved.location).toBe('/staff/articles?saved=night-buses-are-back');
    const old = await page('/articles/night-buses-return');
    expect(old.redirected).toBe(true);
    expect(old.url).toBe(`${server.baseUrl}/articles/night-buses-are-back`);
  });

  it('answers 404 for an article that does not exist', async () => {
    expect((await editor.send('GET', '/staff/articles/no-such-story/edit')).status).toBe(404);
  });
});

describe('moderators', () => {
  it('get the 403 staff page: they do not publish', async () => {
    const csrf = (await moderator.open('/staff')).csrf;
    for (const res of [
      await moderator.send('GET', '/staff/articles'),
      await moderator.send('GET', '/staff/articles/new'),
      await moderator.send('GET', '/staff/articles/harbour-wall/edit'),
      await moderator.send('POST', '/staff/articles/new', { form: { ...filled({ title: 'Moderated news', body: 'x', authorName: 'Mo' }), csrf, do: 'save' } }),
      await moderator.send('POST', '/staff/articles/new', { form: { ...filled({ title: 'Moderated news', body: 'x', authorName: 'Mo' }), csrf, do: 'preview' } }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('Only authors, editors and admins can publish articles.');
    }
    expect((await page('/articles/moderated-news')).status).toBe(404);
  });
});
