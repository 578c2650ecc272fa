/**
 * Seeds the benchmark's discussion through the public API only, as an importer or a crowd of
 * readers would: the article through the admin API, then the comments, then the votes.
 */

import { commentText } from './sentences.js';
import { seededRandom } from '../src/shared/seeded-random.js';


const NAMES = ['Marek', 'Aisha Rahman', 'Tom from Quay Street', 'J. Lindqvist', 'Priya', 'Old Salt', 'Nadia K.', 'Bernard', 'Lucía', 'harbourwatcher'];

/** A comment body of `min` to `max` characters a reader could have written (see sentences.ts). */
export function commentBody(random: () => number, min = 200, max = 800): string {
  return commentText(random, min, max);
}

/**
 * A reader's address, as a proxy in front of Tribune would report it (\`X-Forwarded-For\`, the
 * benchmark runs Tribune with \`TRIBUNE_TRUST_PROXY=on\`): each post and vote comes from a different
 * person, as on a real site, so nobody votes on their own comment.
 */
export function readerAddress(random: () => number): string {
  const part = () => Math.floor(random() * 254) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

export function authorName(random: () => number): string {
  return NAMES[Math.floor(random() * NAMES.length)]!;
}

export const ARTICLE_BODY = [
  'The harbour council voted on Tuesday night to delay the bridge repair by a year, citing a budget gap of 1.2 million.',
  'Residents who use the ferry every day said the decision leaves them with no reliable crossing through the winter.',
  '## What happens next',
  'The engineering survey will be published next month. The council promised a public meeting before any new tender.',
  'Opposition members asked why the estimate grew by forty percent since the spring, and the mayor said the report would answer that.',
].join('\n\n');

export function articlePayload(slug: string, title: string) {
  return {
    slug,
    title,
    standfirst: 'The council delays the bridge repair by a year; ferry users say winter will be hard.',
    body: ARTICLE_BODY,
    author: { name: 'Maya Okafor', role: 'city hall reporter', bio: 'Maya covers the council.', links: [{ label: 'X', url: 'https://x.com/maya' }] },
    topics: ['City hall'],
  };
}

export async function createArticle(baseUrl: string, adminToken: string, slug: string, title: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/admin/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(articlePayload(slug, title)),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) throw new Error(`creating article ${slug}: ${response.status} ${await response.text()}`);
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; stops at the deadline. */
async function bounded(count: number, concurrency: number, deadline: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`seeding ran past its time limit after ${done} of ${count}`);
      const i = next++;
      await task(i);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return done;
}

export interface SeedResult {
  comments: number;
  replies: number;
  votes: number;
  commentIds: number[];
  /** Comments per second while seeding (fetch clients, `concurrency` in flight). */
  commentsPerSecond: number;
  seconds: number;
}

export interface SeedOptions {
  baseUrl: string;
  key: string;
  comments: number;
  votes: number;
  concurrency: number;
  timeLimitMs: number;
  /** Reads the moderation queue when a seeded comment is held, to say why. */
  adminToken: string;
  seed?: number;
}

/** Why the held comments were held, from the moderation queue (staff API). */
async function heldReasons(baseUrl: string, adminToken: string): Promise<string> {
  const lines: string[] = [];
  // Spam is answered 202 like a held comment; it waits under its own tab.
  for (const tab of ['pending', 'spam']) {
    const response = await fetch(`${baseUrl}/api/v1/moderation/queue?tab=${tab}`, { headers: { authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) {
      lines.push(`(the moderation queue's ${tab} tab answered ${response.status})`);
      continue;
    }
    const page = (await response.json()) as { cards: { id: number; reasons: { phase: string; code: string; message: string; matched?: string[] }[] }[] };
    for (const c of page.cards) lines.push(`${tab} comment ${c.id}: ${c.reasons.map((r) => `${r.phase}/${r.code}: ${r.message} ${JSON.stringify(r.matched ?? [])}`).join('; ')}`);
  }
  return lines.join('\n');
}

/**
 * Posts `comments` comments, a third of them replies to a random earlier comment (so branches
 * nest), then casts `votes` votes from distinct readers, skewed toward a few top-level comments
 * so "Most Voted" has an order to find.
 */
export async function seedThread(options: SeedOptions): Promise<SeedResult> {
  const random = seededRandom(options.seed ?? 20_240_901);
  const { baseUrl, key } = options;
  const deadline = Date.now() + options.timeLimitMs;
  const ids: number[] = [];
  const topLevel: number[] = [];
  let replies = 0;

  // Bodies are drawn up front so the order of completion does not change the text.
  const plans = Array.from({ length: options.comments }, (_, i) => ({
    body: commentBody(random),
    name: authorName(random),
    reply: i % 3 === 2,
    pick: random(),
    address: readerAddress(random),
  }));

  const started = performance.now();
  await bounded(plans.length, options.concurrency, deadline, async (i) => {
    const plan = plans[i]!;
    // Replies answer any comment that already exists: older ones collect more, so branches grow deep and long.
    const parentId = plan.reply && ids.length > 0 ? ids[Math.floor(plan.pick * ids.length)]! : null;
    const response = await fetch(`${baseUrl}/api/v1/threads/${key}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': plan.address },
      body: JSON.stringify({ body: plan.body, name: plan.name, ...(parentId ? { parentId } : {}) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status === 202) throw new Error(`seeding comment ${i} was held for review, so the thread would not be what readers see:\n${await heldReasons(baseUrl, options.adminToken)}\nText: ${plan.body}`);
    if (response.status !== 201) throw new Error(`seeding comment ${i}: ${response.status} ${text.slice(0, 300)}`);
    const id = (JSON.parse(text) as { comment: { id: number } }).comment.id;
    ids.push(id);
    if (parentId) replies++;
    else topLevel.push(id);
  });
  const seconds = (performance.now() - started) / 1000;

  // Votes: distinct readers (no cookie, so each request is a new reader), mostly up, on a skewed choice.
  await bounded(options.votes, options.concurrency, deadline, async () => {
    const pool = random() < 0.8 ? topLevel : ids;
    const id = pool[Math.floor(Math.pow(random(), 3) * pool.length)]!;
    const value = random() < 0.8 ? 1 : -1;
    const response = await fetch(`${baseUrl}/api/v1/comments/${id}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': readerAddress(random) },
      body: JSON.stringify({ value }),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status === 200) await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`voting on ${id}: ${response.status} ${await response.text()}`);
  });

  return { comments: ids.length, replies, votes: options.votes, commentIds: ids, commentsPerSecond: ids.length / seconds, seconds };
}
