import type { Comment, PassageAnchor } from '../shared/comment.js';
import type { CommentAnchorRow } from '../store/anchors.js';
import type { ThreadRow } from '../store/comments.js';
import type { Store } from '../store/store.js';
import { plainTextOf } from '../text/plain-text.js';
import { invalid, notFound } from './errors.js';

/** A passage as a reader's browser sends it with a new comment. */
export interface AnchorInput {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
}

/** A passage of the article that has comments, for the margin counts and "Inline Feedbacks". */
export interface Passage extends PassageAnchor {
  /** Offset just after the passage. */
  end: number;
  count: number;
  commentIds: number[];
}

/** Characters of context kept on each side of a quote: enough to tell repeated words apart. */
const CONTEXT = 32;
const MAX_EXACT = 1000;
/** Article texts kept, by article and version: articles change rarely and are read on every page build. */
const TEXTS_KEPT = 200;

/**
 * Comments on a passage of an article. A reader's browser sends the quote and its surroundings;
 * Tribune keeps them and, on every read, finds the passage again in the article as it reads now
 * (the quote where its context matches best, nearest its old place), so an edit above it moves it
 * and an edit that removes it leaves the comment detached with its quote.
 */
export class PassageService {
  private readonly texts = new Map<string, string>();

  constructor(private readonly store: Store) {}

  /** Checks a new comment's passage against its article; what to store with it. */
  async anchorFor(thread: ThreadRow, input: AnchorInput, isReply: boolean): Promise<Omit<CommentAnchorRow, 'comment_id' | 'thread_id'>> {
    if (isReply) throw invalid('anchor_on_reply', 'anchor', 'A reply answers its comment: only a new comment can be about a passage.');
    const exact = input.exact.replace(/\s+/g, ' ').trim();
    if (!exact) throw invalid('anchor_exact_required', 'anchor.exact', 'Quote the passage the comment is about.');
    if (exact.length > MAX_EXACT) throw invalid('anchor_too_long', 'anchor.exact', `Quote at most ${MAX_EXACT} characters of the article.`);
    const text = thread.article_id === null ? null : await this.articleText(thread.article_id);
    if (text === null) throw invalid('anchor_without_article', 'anchor', 'This discussion has no article to quote.');
    // Lenient here: a browser's idea of the surrounding text may differ in spacing from ours.
    const start = locate(text, { exact, prefix: input.prefix ?? '', suffix: input.suffix ?? '', start: input.start ?? 0 }, false);
    if (start === null) throw invalid('anchor_not_found', 'anchor.exact', 'The quoted passage is not in the article.');
    // The context kept is the article's own, so later reads compare like with like.
    return { exact, prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(start + exact.length, start + exact.length + CONTEXT), start };
  }

  /** Where a stored passage is in the article now. */
  resolve(text: string | null, row: Pick<CommentAnchorRow, 'exact' | 'prefix' | 'suffix' | 'start'>): PassageAnchor {
    const start = text === null ? null : locate(text, row);
    const anchor: PassageAnchor = { exact: row.exact, prefix: row.prefix, suffix: row.suffix, start: start ?? row.start };
    if (start === null) anchor.detached = true;
    return anchor;
  }

  /** Gives each comment of a page that is about a passage its `anchor`: one query, none when there are none. */
  async attach(thread: ThreadRow, comments: Comment[]): Promise<void> {
    if (thread.article_id === null || comments.length === 0) return;
    const rows = await this.store.anchors.ofComments(comments.map((c) => c.id));
    if (rows.length === 0) return;
    const text = await this.articleText(thread.article_id);
    const byId = new Map(rows.map((r) => [r.comment_id, r]));
    for (const comment of comments) {
      const row = byId.get(comment.id);
      if (row && !comment.deleted) comment.anchor = this.resolve(text, row);
    }
  }

  /** The passages of a thread's article that readers commented on, in reading order; detached ones last. */
  async passages(siteId: string, key: string): Promise<Passage[]> {
    const thread = await this.store.comments.findThreadByKey(siteId, key);
    if (!thread) throw notFound('thread_not_found', `No discussion with key "${key}".`);
    if (thread.article_id === null) return [];
    const rows = await this.store.anchors.publishedInThread(thread.id);
    if (rows.length === 0) return [];
    const text = await this.articleText(thread.article_id);
    const byPlace = new Map<string, Passage>();
    for (const row of rows) {
      const anchor = this.resolve(text, row);
      const place = anchor.detached ? `detached:${anchor.exact}` : `${anchor.start}:${anchor.exact}`;
      const passage = byPlace.get(place) ?? { ...anchor, end: anchor.start + anchor.exact.length, count: 0, commentIds: [] };
      passage.count++;
      passage.commentIds.push(row.comment_id);
      byPlace.set(place, passage);
    }
    return [...byPlace.values()].sort((a, b) => Number(a.detached ?? false) - Number(b.detached ?? false) || a.start - b.start);
  }

  private async articleText(articleId: number): Promise<string | null> {
    const article = await this.store.articles.articleBody(articleId);
    if (!article) return null;
    const version = `${article.id}:${article.updated_at}`;
    let text = this.texts.get(version);
    if (text === undefined) {
      text = plainTextOf(article.body_html);
      if (this.texts.size >= TEXTS_KEPT) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(version, text);
    }
    return text;
  }
}

/**
 * Where `quote.exact` is in `text`: of every place it occurs, the one whose surroundings match the
 * quote's best (the longest agreeing run of characters before and after), then the nearest its old
 * offset. Null when the text no longer holds it. With `strict`, a place whose surroundings agree on
 * less than a quarter of the kept context is not the passage but the same words elsewhere: a comment
 * about a removed sentence must not move to another that happens to share its words.
 */
export function locate(text: string, quote: { exact: string; prefix: string; suffix: string; start: number }, strict = true): number | null {
  let best: number | null = null;
  let bestScore = -1;
  const context = quote.prefix.length + quote.suffix.length;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const score = agreeingBefore(text, at, quote.prefix) + agreeingAfter(text, at + quote.exact.length, quote.suffix);
    if (strict && score * 4 < context) continue;
    if (score > bestScore || (score === bestScore && best !== null && Math.abs(at - quote.start) < Math.abs(best - quote.start))) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

function agreeingBefore(text: string, at: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && at - n - 1 >= 0 && text[at - n - 1] === prefix[prefix.length - n - 1]) n++;
  return n;
}

function agreeingAfter(text: string, at: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && text[at + n] === suffix[n]) n++;
  return n;
}
