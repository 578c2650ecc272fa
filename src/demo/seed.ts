import type { ArticleService } from '../services/articles.js';
import type { CommentService } from '../services/comments.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';
import { guestActor, staffActor, type Actor } from '../services/actor.js';
import { ServiceError } from '../services/errors.js';
import type { VoteService } from '../services/votes.js';
import type { CampaignService } from '../services/campaigns.js';
import { monthOf, monthPeriod } from '../shared/calendar.js';
import { demoArticles } from './articles.js';
import { demoCommenters, demoDiscussions, demoQuestions, demoVoterCount, type DemoComment } from './discussion.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A clock the seeding services read instead of the wall clock, so demo comments, edits and votes
 * get times spread over past days. Unset, it follows the wall clock.
 */
export interface DemoClock {
  now: () => number;
  set: (ms: number) => void;
  /** Back to the wall clock. */
  reset: () => void;
}

export function createDemoClock(wallClock: () => number = Date.now): DemoClock {
  let fixed: number | null = null;
  return {
    now: () => fixed ?? wallClock(),
    set: (ms) => {
      fixed = ms;
    },
    reset: () => {
      fixed = null;
    },
  };
}

export interface SeedDependencies {
  articles: ArticleService;
  comments: CommentService;
  votes: VoteService;
  /** With it, the site gets a running monthly campaign with a few gifts, so the meter shows at once. */
  campaigns?: CampaignService;
  /** "Now" for the demo: articles and comments are placed before it. Defaults to the wall clock. */
  now?: () => number;
  /**
   * The clock the three services were built with. Without it the articles still get their
   * publication dates, but comments, edits and votes all carry the time of seeding.
   */
  clock?: DemoClock;
}

type Step =
  | { at: number; kind: 'post'; node: DemoComment; parent: DemoComment | null }
  | { at: number; kind: 'edit'; node: DemoComment }
  | { at: number; kind: 'vote'; node: DemoComment; voter: number; value: 1 | -1 };

export function commenterReader(key: string): Actor {
  return guestActor(`demo-commenter-${key}`, null);
}

export function voterReader(n: number): Actor {
  return guestActor(`demo-reader-${n}`, null);
}

/**
 * Creates the demo articles and their discussions through the services, as readers would, so the
 * demo exercises the same rules (threading, edit window, one vote per reader) as real traffic.
 */
export async function seedDemoContent(deps: SeedDependencies): Promise<void> {
  const present = (deps.now ?? Date.now)();
  try {
    for (const { publishedDaysAgo, ...input } of demoArticles) {
      const publishedAt = present - publishedDaysAgo * DAY;
      deps.clock?.set(publishedAt);
      await deps.articles.create(DEFAULT_SITE_ID, { ...input, publishedAt: new Date(publishedAt).toISOString() });
      // Asked as the installation (as the admin token would), under the article's author's name.
      for (const question of demoQuestions[input.slug] ?? []) {
        await deps.comments.passages.askQuestion(DEFAULT_SITE_ID, input.slug, { exact: question.passage, question: question.question }, staffActor({ id: null, name: input.author.name, role: 'admin' }), publishedAt);
      }
    }
    for (const article of demoArticles) {
      const discussion = demoDiscussions[article.slug];
      if (!discussion) continue;
      const publishedAt = present - article.publishedDaysAgo * DAY;
      await seedDiscussion(deps, article.slug, discussion, publishedAt, present);
    }
    if (deps.campaigns) await seedCampaign(deps.campaigns, deps.clock, present);
  } catch (error) {
    if (error instanceof ServiceError && error.kind === 'rate_limited') {
      throw new Error('Seeding the demo content hit a rate limit: build the seeding services with rate limits off.', { cause: error });
    }
    throw error;
  } finally {
    deps.clock?.reset();
  }
}

async function seedDiscussion(deps: SeedDependencies, key: string, roots: DemoComment[], publishedAt: number, present: number): Promise<void> {
  // Edits land a few minutes after posting, but never outside the window the service enforces.
  const editDelay = Math.min(4, deps.comments.options.editWindowMinutes) * MINUTE;
  const latest = present - MINUTE;
  const steps: Step[] = [];
  const walk = (node: DemoComment, parent: DemoComment | null, parentAt: number) => {
    const at = parentAt + node.after * MINUTE;
    steps.push({ at, kind: 'post', node, parent });
    if (node.editedTo !== undefined) steps.push({ at: at + editDelay, kind: 'edit', node });
    const [up, down] = node.votes ?? [0, 0];
    // Up-votes come from the first readers, down-votes from the last, so no reader casts both.
    for (let i = 0; i < up + down; i++) {
      const voter = i < up ? i + 1 : demoVoterCount - (i - up);
      steps.push({ at: Math.min(at + (i + 1) * 7 * MINUTE, latest), kind: 'vote', node, voter, value: i < up ? 1 : -1 });
    }
    for (const reply of node.replies ?? []) walk(reply, node, at);
  };
  for (const root of roots) walk(root, null, publishedAt);
  // Stable sort: a post comes before its own edit and votes even when they share a time.
  steps.sort((a, b) => a.at - b.at);

  const posted = new Map<DemoComment, { id: number; editToken: string }>();
  for (const step of steps) {
    deps.clock?.set(step.at);
    if (step.kind === 'post') {
      const parentId = step.parent ? posted.get(step.parent)?.id : null;
      // A parent held by moderation cannot be answered; its branch is left out.
      if (parentId === undefined) continue;
      const author = demoCommenters[step.node.by];
      if (!author) throw new Error(`Demo comment by unknown commenter "${step.node.by}".`);
      const result = await deps.comments.postComment(
        key,
        { body: step.node.body, parentId, name: author.name, email: author.email, website: author.website, ...(step.node.passage && { anchor: { exact: step.node.passage } }) },
        commenterReader(step.node.by),
      );
      if (result.status === 'published') posted.set(step.node, { id: result.comment.id, editToken: result.editToken });
    } else {
      const comment = posted.get(step.node);
      if (!comment) continue;
      if (step.kind === 'edit') {
        await deps.comments.editComment(comment.id, step.node.editedTo!, commenterReader(step.node.by), comment.editToken);
      } else {
        await deps.votes.vote(comment.id, step.value, voterReader(step.voter));
      }
    }
  }
}

/**
 * The reference page's meter: a monthly campaign for $5,000, begun last month, with gifts from
 * readers last month and this month (this month's come to $1,400 from 8 supporters), each from an
 * article, spread between the 1st and now.
 */
export const demoCampaign = { title: 'Keep the Gazette independent', goal: 500_000, currency: 'USD' } as const;

const demoGifts: { name: string | null; email: string; amount: number; article: string; kind: 'gift' | 'renewal'; message?: string }[] = [
  { name: 'Marek', email: 'marek@example.org', amount: 25_000, article: 'harbour-bridge-repairs-approved', kind: 'renewal', message: 'For the city hall coverage.' },
  { name: 'Ines', email: 'ines@example.org', amount: 10_000, article: 'harbour-bridge-repairs-approved', kind: 'gift' },
  { name: null, email: 'anon1@example.org', amount: 50_000, article: 'lake-marren-water-quality-study', kind: 'gift' },
  { name: 'Tom B.', email: 'tom@example.org', amount: 5_000, article: 'extra-ferries-during-bridge-closures', kind: 'renewal' },
  { name: 'Priya', email: 'priya@example.org', amount: 20_000, article: 'lake-marren-water-quality-study', kind: 'gift', message: 'Local news matters.' },
  { name: null, email: 'anon2@example.org', amount: 15_000, article: 'harbour-bridge-repairs-approved', kind: 'gift' },
  { name: 'Jonas', email: 'jonas@example.org', amount: 10_000, article: 'extra-ferries-during-bridge-closures', kind: 'gift' },
  { name: 'Ada', email: 'ada@example.org', amount: 5_000, article: 'harbour-bridge-repairs-approved', kind: 'renewal' },
];

async function seedCampaign(campaigns: CampaignService, clock: DemoClock | undefined, present: number): Promise<void> {
  const { timeZone } = campaigns.localeFor(DEFAULT_SITE_ID);
  const thisMonth = monthOf(present, timeZone);
  const lastMonth = monthPeriod(thisMonth.year, thisMonth.month - 1, timeZone);
  clock?.set(lastMonth.start);
  const editor = staffActor({ id: null, name: 'Demo editor', role: 'admin' });
  await campaigns.create(editor, { ...demoCampaign, period: 'monthly' });
  const span = (from: number, to: number, i: number, n: number) => from + Math.floor(((to - from) * (i + 1)) / (n + 1));
  for (const [i, gift] of demoGifts.entries()) {
    const common = { currency: demoCampaign.currency, donorName: gift.name, donorEmail: gift.email, message: gift.message ?? null, onDonorWall: gift.name !== null, articleSlug: gift.article };
    // Last month: the monthly supporters gave then too, and a few others.
    if (gift.kind === 'renewal' || i % 3 === 0) {
      await campaigns.recordGift(DEFAULT_SITE_ID, { ...common, kind: 'gift', amount: gift.amount, receivedAt: span(lastMonth.start, lastMonth.end, i, demoGifts.length) });
    }
    await campaigns.recordGift(DEFAULT_SITE_ID, { ...common, kind: gift.kind, amount: gift.amount, receivedAt: span(thisMonth.start, Math.max(thisMonth.start + 1, present), i, demoGifts.length) });
  }
}
