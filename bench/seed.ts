/**
 * Seeds the benchmark's discussion through the public API only, as an importer or a crowd of
 * readers would: the article through the admin API, then the comments, then the votes.
 */

/** A small deterministic generator, so every run seeds the same discussion. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'council harbour bridge budget vote mayor residents ferry tide school funding repair plan meeting ' +
  'question answer because however although reporter story evidence numbers percent million taxes ' +
  'street parking bus route library closure opening hours neighbours shop owners fishermen quay ' +
  'storm flooding insurance contract tender audit minutes agenda motion amendment opposition ' +
  'majority minority promise delay cost estimate engineer survey report published yesterday ' +
  'tomorrow week month year decade always never sometimes really honestly clearly obviously ' +
  'agree disagree think believe remember wonder expect doubt worry hope the a an and or but not ' +
  'with without from into over under about after before during this that these those my your ' +
  'their our is was were will would could should might must have has had do does did'
).split(' ');

const NAMES = ['Marek', 'Aisha Rahman', 'Tom from Quay Street', 'J. Lindqvist', 'Priya', 'Old Salt', 'Nadia K.', 'Bernard', 'Lucía', 'harbourwatcher'];

/** A comment body of `min` to `max` characters of varied words, sometimes in two paragraphs. */
export function commentBody(random: () => number, min = 200, max = 800): string {
  const target = min + Math.floor(random() * (max - min + 1));
  let text = '';
  let sentence = 0;
  while (text.length < target) {
    let words = 6 + Math.floor(random() * 14);
    let line = '';
    while (words-- > 0) line += (line ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)];
    line = line[0]!.toUpperCase() + line.slice(1) + (random() < 0.15 ? '?' : '.');
    text += (text ? (sentence > 0 && sentence % 4 === 0 && random() < 0.5 ? '\n\n' : ' ') : '') + line;
    sentence++;
  }
  // Cut on a word boundary inside [min, max].
  if (text.length > max) {
    const cut = text.lastIndexOf(' ', max - 1);
    text = text.slice(0, cut > min ? cut : max).trimEnd();
    if (!/[.?]$/.test(text)) text = `${text.slice(0, Math.min(text.length, max - 1))}.`;
  }
  return text;
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
  seed?: number;
}

/**
 * Posts `comments` comments, a third of them replies to a random earlier comment (so branches
 * nest), then casts `votes` votes from distinct readers, skewed toward a few top-level comments
 * so "Most Voted" has an order to find.
 */
export async function seedThread(options: SeedOptions): Promise<SeedResult> {
  const random = randomSource(options.seed ?? 20_240_901);
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
  }));

  const started = performance.now();
  await bounded(plans.length, options.concurrency, deadline, async (i) => {
    const plan = plans[i]!;
    // Replies answer any comment that already exists: older ones collect more, so branches grow deep and long.
    const parentId = plan.reply && ids.length > 0 ? ids[Math.floor(plan.pick * ids.length)]! : null;
    const response = await fetch(`${baseUrl}/api/v1/threads/${key}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: plan.body, name: plan.name, ...(parentId ? { parentId } : {}) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
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
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value }),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`voting on ${id}: ${response.status}`);
  });

  return { comments: ids.length, replies, votes: options.votes, commentIds: ids, commentsPerSecond: ids.length / seconds, seconds };
}
