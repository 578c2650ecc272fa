import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBus } from '../../src/adapters/bus/in-process.js';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { loadConfig } from '../../src/config.js';
import { demoArticles } from '../../src/demo/articles.js';
import { demoCommenters, demoDiscussions, demoVoterCount, type DemoComment } from '../../src/demo/discussion.js';
import { createDemoClock, seedDemoContent } from '../../src/demo/seed.js';
import type { ArticleService } from '../../src/services/articles.js';
import type { CommentService } from '../../src/services/comments.js';
import type { CampaignService } from '../../src/services/campaigns.js';
import type { Comment } from '../../src/shared/comment.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { createServices } from '../../src/tribune.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

const DAY = 86_400_000;

function flatten(comments: Comment[]): Comment[] {
  return comments.flatMap((c) => [c, ...flatten(c.replies)]);
}

function walk(nodes: DemoComment[], visit: (node: DemoComment, depth: number, minutes: number) => void, depth = 0, base = 0): void {
  for (const node of nodes) {
    visit(node, depth, base + node.after);
    walk(node.replies ?? [], visit, depth + 1, base + node.after);
  }
}

describe('demo data', () => {
  it('has four articles with bodies, authors, links, images and shared topics', () => {
    expect(demoArticles).toHaveLength(4);
    for (const article of demoArticles) {
      const paragraphs = article.body.split(/\n\s*\n/).filter((p) => !p.startsWith('#') && !p.startsWith('>'));
      expect(paragraphs.length, article.slug).toBeGreaterThanOrEqual(4);
      expect(article.standfirst).toBeTruthy();
      expect(article.author.role).toBeTruthy();
      expect(article.author.bio).toBeTruthy();
      expect(article.author.links!.length).toBeGreaterThanOrEqual(2);
      expect(article.image.url).toMatch(/^\/static\/demo\/[a-z-]+\.svg$/);
      expect(article.image.credit).toBe('Illustration: Tribune demo');
      expect(article.image.alt).toBeTruthy();
      const file = path.join('public', article.image.url.replace('/static/', ''));
      expect(fs.readFileSync(file, 'utf8')).toContain('viewBox="0 0 1200 630"');
      const others = demoArticles.filter((a) => a !== article);
      expect(others.some((o) => o.topics!.some((t) => article.topics!.includes(t))), `${article.slug} has related articles`).toBe(true);
    }
    expect(new Set(demoArticles.map((a) => a.publishedDaysAgo)).size).toBe(4);
  });

  it('places every comment after its article and before now, keeping each commenter under the default rate limit', () => {
    const perCommenter = new Map<string, number>();
    for (const article of demoArticles) {
      walk(demoDiscussions[article.slug] ?? [], (node, _depth, minutes) => {
        expect(demoCommenters[node.by], node.by).toBeDefined();
        expect(node.after).toBeGreaterThan(0);
        expect(minutes + 60, node.body).toBeLessThan(article.publishedDaysAgo * 24 * 60);
        const [up, down] = node.votes ?? [0, 0];
        expect(up + down).toBeLessThanOrEqual(demoVoterCount);
        perCommenter.set(node.by, (perCommenter.get(node.by) ?? 0) + 1);
      });
    }
    // The default limit is 5 comments a minute per reader, so seeding works with limits on.
    for (const [by, count] of perCommenter) expect(count, by).toBeLessThanOrEqual(5);
  });
});

describe('seedDemoContent', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let articles: ArticleService;
  let comments: CommentService;
  let limiter: InProcessRateLimitStore;
  let campaigns: CampaignService;
  const present = Date.parse('2025-06-15T12:00:00Z');

  beforeAll(async () => {
    // Both dialects, like the rest of the suite: the seed must work on SQLite and PostgreSQL.
    database = await createTestDatabase();
    handle = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.dataDir });
    await migrateToLatest(handle);
    const store = Store.from(handle);
    const bus = new InProcessBus();
    limiter = new InProcessRateLimitStore();
    const config = loadConfig({ TRIBUNE_RATE_LIMITS: 'off' });
    const clock = createDemoClock(() => present);
    const services = createServices(store, config, { bus, limiter, now: clock.now });
    articles = services.articles;
    comments = services.comments;
    const votes = services.votes;
    campaigns = services.campaigns;
    await seedDemoContent({ articles, comments, votes, campaigns, clock, now: () => present });
  });

  afterAll(async () => {
    await limiter?.close();
    await handle?.close();
    await database?.drop();
  });

  it('starts a monthly campaign with this month’s gifts, and last month’s kept', async () => {
    // Read a minute after seeding, as the first reader would.
    const campaign = await campaigns.current(DEFAULT_SITE_ID);
    expect(campaign).toMatchObject({ title: 'Keep the Gazette independent', goal: 500_000, currency: 'USD', period: 'monthly', raised: 140_000, donors: 8 });
    expect(campaign!.periodEnd).toBe('2025-07-01T00:00:00.000Z');
    expect(campaign!.countdown).toBe('16 days left until the end of June');
    const periods = await campaigns.archive(DEFAULT_SITE_ID, campaign!.id);
    expect(periods.map((p) => p.label)).toEqual(['2025-06', '2025-05']);
    expect(periods[1]!.raised).toBeGreaterThan(0);
  });

  it('creates the four articles, newest first, with related articles', async () => {
    const latest = await articles.latest(DEFAULT_SITE_ID);
    expect(latest).toHaveLength(4);
    expect(latest[0]!.slug).toBe(demoArticles[0]!.slug);
    for (const summary of latest) {
      expect(Date.parse(summary.publishedAt)).toBeLessThan(present);
      expect(Date.parse(summary.publishedAt)).toBeGreaterThan(present - 30 * DAY);
      const page = await articles.page(DEFAULT_SITE_ID, summary.slug);
      expect(page.related.length, summary.slug).toBeGreaterThan(0);
      expect(page.article.author.links.length).toBeGreaterThanOrEqual(2);
      expect(page.article.bodyHtml).toContain('<p>');
      expect(page.thread.count).toBeGreaterThan(0);
    }
  });

  it('builds a lively discussion on the first article', async () => {
    const key = demoArticles[0]!.slug;
    const page = await comments.listThread(DEFAULT_SITE_ID, key, 'oldest', null, 200);
    expect(page.count).toBeGreaterThanOrEqual(30);
    const all = flatten(page.comments);
    expect(all.length).toBe(page.count);

    const byId = new Map(all.map((c) => [c.id, c]));
    const depthOf = (c: Comment): number => (c.parentId === null ? 0 : 1 + depthOf(byId.get(c.parentId)!));
    expect(Math.max(...all.map(depthOf))).toBeGreaterThanOrEqual(5);

    const edited = all.filter((c) => c.editedAt !== null);
    expect(edited.length).toBeGreaterThanOrEqual(1);
    expect(edited[0]!.editedBy).toBeTruthy();

    expect(all.reduce((sum, c) => sum + c.votes.up + c.votes.down, 0)).toBeGreaterThan(100);
    expect(all.some((c) => c.votes.down > 0)).toBe(true);
    expect(all.some((c) => c.html.includes('<blockquote>'))).toBe(true);
    expect(all.some((c) => c.html.includes('<em>'))).toBe(true);
    expect(all.some((c) => c.html.includes('<a href="https://'))).toBe(true);

    const times = all.map((c) => Date.parse(c.createdAt));
    expect(Math.max(...times)).toBeLessThan(present);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(DAY);
    for (const c of all) {
      if (c.parentId !== null) expect(Date.parse(c.createdAt)).toBeGreaterThan(Date.parse(byId.get(c.parentId)!.createdAt));
    }
  });

  it('shows inline feedback on the lake article: the author’s question on a passage, and readers’ comments on passages', async () => {
    const passages = await comments.passages.passages(DEFAULT_SITE_ID, 'lake-marren-water-quality-study');
    expect(passages.map((p) => [p.exact, p.count, p.question ?? null])).toEqual([
      ['about three weeks earlier than in older records', 1, null],
      ["The study recommends publishing the buoy's daily readings online", 1, 'Would you check the lake’s readings before a swim, or before walking the dog?'],
    ]);
    expect(passages.every((p) => !p.detached)).toBe(true);
  });

  it('gives the other articles a few comments each', async () => {
    for (const article of demoArticles.slice(1)) {
      const page = await comments.listThread(DEFAULT_SITE_ID, article.slug, 'oldest', null, 200);
      expect(page.count, article.slug).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('seedDemoContent with rate limits on', () => {
  it('still succeeds, because no demo reader exceeds the default limits', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-demo-'));
    const handle = openDatabase({ databaseUrl: null, dataDir });
    const limiter = new InProcessRateLimitStore();
    try {
      await migrateToLatest(handle);
      const store = Store.from(handle);
      const bus = new InProcessBus();
      const config = loadConfig({});
      expect(config.rateLimits.enabled).toBe(true);
      const { articles, comments, votes } = createServices(store, config, { bus, limiter, now: Date.now });
      await seedDemoContent({ articles, comments, votes });
      expect((await articles.latest(DEFAULT_SITE_ID)).length).toBe(4);
    } finally {
      await limiter.close();
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
