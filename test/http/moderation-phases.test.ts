/**
 * Each moderation phase, end to end through the API on a real database: what the commenter gets
 * back, and which phase the stored reasons name. The rules themselves are unit-tested in
 * test/moderation; this checks the pipeline is wired into posting as configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    TRIBUNE_BLOCKED_DOMAINS: 'spam.example',
    TRIBUNE_MAX_LINKS: '2',
    TRIBUNE_RATE_LIMITS: 'on',
    TRIBUNE_RATE_LIMIT_COMMENTS: '1000/60s',
    TRIBUNE_MODERATION_FLOOD: '1000/1h',
  });
  await createArticle(server, { slug: 'phases' });
  await createArticle(server, { slug: 'links-premoderated', premoderation: 'links' });
  await createArticle(server, { slug: 'first-premoderated', premoderation: 'first' });
});
afterAll(() => server?.close());

/** The stored status and deciding phase of a comment the API answered with 202. */
async function storedVerdict(id: number): Promise<{ status: string; phase: string | null }> {
  const row = await server.tribune.database.db.selectFrom('comments').select(['status', 'moderation_reasons']).where('id', '=', id).executeTakeFirstOrThrow();
  return { status: row.status, phase: row.moderation_reasons ? JSON.parse(row.moderation_reasons)[0].phase : null };
}

async function post(key: string, body: string, extra: Record<string, unknown> = {}, guest = new Guest(server.baseUrl)) {
  return guest.post(key, { body, name: 'Reader', ...extra });
}

describe('each phase through the API', () => {
  it.each([
    ['spam-patterns', 'Check out my channel and subscribe for daily videos, link in my profile!', 'spam'],
    ['suspect-words', 'What the $h&t is the council doing with our money?', 'pending'],
    ['insults', 'You are an idiot and everyone here knows it.', 'pending'],
    ['hate-speech', 'You must die for writing this.', 'pending'],
    ['violent-intent', 'Someone should garrotte the reporter who wrote this.', 'pending'],
    ['violent-intent', 'Nice house you have on Mill Lane. Shame if something happened to it.', 'pending'],
    ['self-harm', 'Do everyone a favour and jump.', 'pending'],
    ['link-limit', 'https://harbour.example/x', 'pending'],
    [
      'link-limit',
      "I compared the council's report (https://example.org/a), the engineers' (https://example.net/b) and the auditors' (https://example.com/c): they disagree on the cost.",
      'pending',
    ],
    ['blocked-domains', 'Details at https://www.spam.example/offer for everyone.', 'spam'],
  ])('%s', async (phase, body, status) => {
    const res = await post('phases', body);
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(await storedVerdict(res.json.comment.id)).toEqual({ status, phase });
  });

  it.each([
    ['news of violence', 'Police said two men were stabbed on Mill Lane; the council will review the lighting.'],
    ['an idiom', 'I could murder a curry after reading the budget.'],
    ['a link to its source', 'Source: https://www.ons.gov.uk/employmentandlabourmarket'],
    ['money talk and ordinary words spam also uses', 'I subscribe to the paper for $5 a month. Check out the council minutes, page 12.'],
  ])('publishes %s', async (_, body) => {
    const res = await post('phases', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  });

  it('spam by what it sells, on a less common top-level domain', async () => {
    const res = await post('phases', 'Need a loan fast? No credit checks, approval in minutes: easyloans.sbs');
    expect(res.status).toBe(202);
    expect(await storedVerdict(res.json.comment.id)).toEqual({ status: 'spam', phase: 'spam-patterns' });
  });

  it('judges the display name: a call for death is refused naming the field, an advert makes the comment spam', async () => {
    const death = await post('phases', 'A perfectly ordinary remark about the harbour.', { name: 'Death To Journalists' });
    expect(death.status).toBe(400);
    expect(death.json.error).toMatchObject({ code: 'name_not_allowed', field: 'name', message: expect.stringContaining('display name') });
    const advert = await post('phases', 'Another ordinary remark about the harbour works.', { name: 'Cheap followers at getfollowers.pw' });
    expect(advert.status).toBe(202);
    expect(await storedVerdict(advert.json.comment.id)).toEqual({ status: 'spam', phase: 'spam-patterns' });
  });

  it('banned-words refuses and stores nothing', async () => {
    const res = await post('phases', 'You f4ggot, go away.');
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'comment_rejected', field: 'body' });
  });

  it('repeated-text marks the same long text posted again as spam', async () => {
    const text = 'Exactly the same long sentence, posted twice by two different accounts.';
    expect((await post('phases', text)).status).toBe(201);
    const again = await post('phases', text);
    expect(again.status).toBe(202);
    expect(await storedVerdict(again.json.comment.id)).toEqual({ status: 'spam', phase: 'repeated-text' });
  });

  it('premoderation per article: links held on one article, a new commenter held on another', async () => {
    const withLink = await post('links-premoderated', 'See the minutes at https://example.org/minutes for details.');
    expect(withLink.status).toBe(202);
    expect(await storedVerdict(withLink.json.comment.id)).toEqual({ status: 'pending', phase: 'premoderation' });
    expect((await post('links-premoderated', 'No links in this one, so it goes straight through.')).status).toBe(201);

    const newcomer = new Guest(server.baseUrl);
    const first = await post('first-premoderated', 'My first comment on this site, hello everyone.', { email: 'newcomer@example.org' }, newcomer);
    expect(first.status).toBe(202);
    expect(await storedVerdict(first.json.comment.id)).toEqual({ status: 'pending', phase: 'premoderation' });
  });

  it('reputation lets a commenter with approved comments past the soft holds', async () => {
    const regular = new Guest(server.baseUrl);
    for (let i = 0; i < 3; i++) {
      expect((await post('phases', `Regular comment number ${i} about the harbour works.`, { email: 'regular@example.org' }, regular)).status).toBe(201);
    }
    // Premoderated for newcomers, but this commenter has a record.
    const trusted = await post('first-premoderated', 'What the $h&t, another delay?', { email: 'regular@example.org' }, regular);
    expect(trusted.status).toBe(201);
  });

  it('rate-flood refuses a burst with the time to wait', async () => {
    const burst = await startServer({ TRIBUNE_RATE_LIMITS: 'on', TRIBUNE_RATE_LIMIT_COMMENTS: '2/60s' });
    try {
      await createArticle(burst, { slug: 'burst' });
      const guest = new Guest(burst.baseUrl);
      for (let i = 0; i < 2; i++) expect((await guest.post('burst', { body: `Burst comment ${i} with enough words.`, name: 'Fast' })).status).toBe(201);
      const third = await guest.post('burst', { body: 'Burst comment three with enough words.', name: 'Fast' });
      expect(third.status).toBe(429);
      expect(third.json.error.message).toMatch(/try again in \d+ s/);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await burst.close();
    }
  });
});
