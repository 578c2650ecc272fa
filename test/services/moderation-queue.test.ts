import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { InProcessBus } from '../../src/adapters/bus/in-process.js';
import type { TribuneEvent } from '../../src/adapters/bus/bus.js';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { createServices, type Services } from '../../src/tribune.js';
import { highlight } from '../../src/http/views/staff/moderation-queue.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { guestActor, staffActor } from '../../src/services/actor.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let services: Services;
const events: TribuneEvent[] = [];
const rosa = staffActor({ id: null, name: 'Rosa Moderator', role: 'moderator' });
const ada = staffActor({ id: null, name: 'Ada Admin', role: 'admin' });
const reader = (n: number) => guestActor(`reader-${n}-0123456789abcdef`, `ip-${n}`);

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ ...database.env, TRIBUNE_DEMO_CONTENT: 'off', TRIBUNE_RATE_LIMITS: 'off', TRIBUNE_MIN_FILL_SECONDS: '0', TRIBUNE_PREMODERATION: 'all' });
  handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle);
  const bus = new InProcessBus();
  bus.subscribe((e) => events.push(e));
  services = createServices(Store.from(handle), config, { bus, limiter: new InProcessRateLimitStore(), now: Date.now });
  await services.articles.create(DEFAULT_SITE_ID, { slug: 'story', title: 'The story', body: 'Text.', author: { name: 'Maya' } });
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const post = async (body: string, n = 1, parentId?: number) =>
  (await services.comments.postComment('story', { body, name: `Reader ${n}`, email: `r${n}@example.org`, ...(parentId ? { parentId } : {}) }, reader(n))).comment.id;
const count = async () => (await services.comments.listThread(DEFAULT_SITE_ID, 'story', 'oldest', null)).count;

describe('ModerationQueueService', () => {
  it('lists held comments newest first with their context, history and reasons; pages by cursor', async () => {
    const first = await post('An early held thought.', 1);
    const second = await post('Time to eradicate them all!', 1);
    const page = await services.moderationQueue.queue('pending', null, rosa, 1);
    expect(page.cards.map((c) => c.id)).toEqual([second]);
    const card = page.cards[0]!;
    expect(card.article).toEqual({ title: 'The story', threadKey: 'story', slug: 'story', closed: false });
    expect(card.history).toMatchObject({ pending: 2 });
    expect(card.reasons[0]!.matched.join(' ')).toMatch(/eradicate/i);
    const next = await services.moderationQueue.queue('pending', page.nextCursor, rosa, 1);
    expect(next.cards.map((c) => c.id)).toEqual([first]);
  });

  it('approve publishes and counts; reject and spam hide and uncount; each writes an audit row and a bus event', async () => {
    const id = await post('Approve me, then change your mind.', 2);
    const shown = await count();
    events.length = 0;
    await services.moderationQueue.approve([id], rosa);
    expect(await count()).toBe(shown + 1);
    expect(events).toContainEqual({ type: 'comment.moderated', siteId: DEFAULT_SITE_ID, threadKey: 'story', commentId: id });
    await services.moderationQueue.reject([id], rosa);
    expect(await count()).toBe(shown);
    await services.moderationQueue.markSpam([id], rosa);
    expect(await count()).toBe(shown);
    const log = await services.moderationQueue.auditLog(null, ada);
    expect(log.entries.slice(0, 3).map((e) => [e.action, e.details])).toEqual([
      ['spam', { before: { status: 'rejected' }, after: { status: 'spam' } }],
      ['reject', { before: { status: 'published' }, after: { status: 'rejected' } }],
      ['approve', { before: { status: 'pending' }, after: { status: 'published' } }],
    ]);
    expect(log.entries[0]!.staffName).toBe('Rosa Moderator');
  });

  it('a bulk action is all or nothing', async () => {
    const a = await post('Bulk one.', 3);
    const shown = await count();
    await expect(services.moderationQueue.approve([a, 999_999], rosa)).rejects.toMatchObject({ code: 'comment_not_found' });
    expect(await count()).toBe(shown);
    expect((await services.moderationQueue.queue('pending', null, rosa)).cards.map((c) => c.id)).toContain(a);
  });

  it('shows a reply with its parent text', async () => {
    const parent = await post('The parent comment.', 4);
    await services.moderationQueue.approve([parent], rosa);
    const reply = await post('A held reply.', 5, parent);
    const card = (await services.moderationQueue.queue('pending', null, rosa)).cards.find((c) => c.id === reply)!;
    expect(card.parent).toEqual({ id: parent, author: 'Reader 4', body: 'The parent comment.' });
  });

  it('a staff edit is shown as edited by the moderator, keeps a revision and is audited', async () => {
    const id = await post('Before the edit.', 6);
    const edited = await services.moderationQueue.edit(id, 'After the edit.', rosa);
    expect(edited.editedBy).toBe('Rosa Moderator');
    const card = (await services.moderationQueue.queue('pending', null, rosa)).cards.find((c) => c.id === id)!;
    expect(card.revisions).toEqual([expect.objectContaining({ body: 'Before the edit.', replacedBy: 'Rosa Moderator' })]);
    const entry = (await services.moderationQueue.auditLog(null, ada)).entries[0]!;
    expect(entry).toMatchObject({ action: 'edit', commentId: id, details: { before: { body: 'Before the edit.' }, after: { body: 'After the edit.' } } });
  });

  it('the audit log is for admins', async () => {
    await expect(services.moderationQueue.auditLog(null, rosa)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('highlight', () => {
  it('escapes first, then marks each matched string', () => {
    expect(highlight('<b>Eradicate</b> them & "kys"', ['eradicate', 'kys']).toString()).toBe(
      '&lt;b&gt;<mark>Eradicate</mark>&lt;/b&gt; them &amp; &quot;<mark>kys</mark>&quot;',
    );
    expect(highlight('a < b', ['<']).toString()).toBe('a <mark>&lt;</mark> b');
    expect(highlight('mark the mark', ['mark', 'ark']).toString()).toBe('<mark>mark</mark> the <mark>mark</mark>');
  });
});
