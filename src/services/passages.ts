import type { Comment, PassageAnchor } from '../shared/comment.js';
import type { CommentAnchorRow } from '../store/anchors.js';
import type { ThreadRow } from '../store/comments.js';
import type { Store } from '../store/store.js';
import { plainTextOf } from '../text/plain-text.js';
import { mayDo, staffWith, type Actor } from './actor.js';
import { forbidden, invalid, notFound } from './errors.js';

/** A passage as a reader's browser sends it with a new comment. */
export interface AnchorInput {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
}

/** A passage of the article that has comments or an author's question, for the margin and "Inline Feedbacks". */
export interface Passage extends PassageAnchor {
  /** Offset just after the passage. */
  end: number;
  count: number;
  commentIds: number[];
  /** What the author asks readers about it, and who asked. */
  question?: string;
  askedBy?: string;
}

/** An author's question on a passage, as staff send it. */
export interface QuestionInput extends AnchorInput {
  question: string;
}

const MAX_QUESTION = 500;

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

  /** An author (of this article), editor or admin asks readers about a passage of the article. */
  async askQuestion(siteId: string, slug: string, input: QuestionInput, actor: Actor, now: number): Promise<Passage & { id: number }> {
    const writer = staffWith(actor, 'publish');
    const article = await this.store.articles.findArticleBySlug(siteId, slug);
    if (!article) throw notFound('article_not_found', `No article at "${slug}".`);
    if (!mayDo(writer.role, 'editAnyArticle') && (writer.id === null || article.staff_id !== writer.id)) {
      throw forbidden('not_your_article', 'Authors can ask questions only on the articles they published; ask an editor.');
    }
    const question = input.question.replace(/\s+/g, ' ').trim();
    if (!question) throw invalid('question_required', 'question', 'Write the question readers are asked.');
    if (question.length > MAX_QUESTION) throw invalid('question_too_long', 'question', `A question is at most ${MAX_QUESTION} characters.`);
    const anchor = await this.checkQuote(article.id, input, 'exact');
    const author = await this.store.articles.findAuthorById(article.author_id);
    const row = await this.store.anchors.insertQuestion({ article_id: article.id, ...anchor, question, asked_by: author?.name ?? writer.name, created_at: now });
    return { id: row.id, ...anchor, end: anchor.start + anchor.exact.length, count: 0, commentIds: [], question, askedBy: row.asked_by };
  }

  /** Checks a new comment's passage against its article; what to store with it. */
  async anchorFor(thread: ThreadRow, input: AnchorInput, isReply: boolean): Promise<Omit<CommentAnchorRow, 'comment_id' | 'thread_id'>> {
    if (isReply) throw invalid('anchor_on_reply', 'anchor', 'A reply answers its comment: only a new comment can be about a passage.');
    if (thread.article_id === null) throw invalid('anchor_without_article', 'anchor', 'This discussion has no article to quote.');
    return this.checkQuote(thread.article_id, input, 'anchor.exact');
  }

  /** Finds a quote in the article as it reads now; what to keep of it. `field` names the quote in errors. */
  private async checkQuote(articleId: number, input: AnchorInput, field: string): Promise<Omit<CommentAnchorRow, 'comment_id' | 'thread_id'>> {
    const exact = input.exact.replace(/\s+/g, ' ').trim();
    if (!exact) throw invalid('anchor_exact_required', field, 'Quote the passage of the article.');
    if (exact.length > MAX_EXACT) throw invalid('anchor_too_long', field, `Quote at most ${MAX_EXACT} characters of the article.`);
    const text = await this.articleText(articleId);
    // Lenient here: a browser's idea of the surrounding text may differ in spacing from ours.
    const start = text === null ? null : locate(text, { exact, prefix: input.prefix ?? '', suffix: input.suffix ?? '', start: input.start ?? 0 }, false);
    if (text === null || start === null) throw invalid('anchor_not_found', field, 'The quoted passage is not in the article.');
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
    const [rows, questions] = await Promise.all([this.store.anchors.publishedInThread(thread.id), this.store.anchors.questionsOf(thread.article_id)]);
    if (rows.length === 0 && questions.length === 0) return [];
    const text = await this.articleText(thread.article_id);
    const byPlace = new Map<string, Passage>();
    for (const row of questions) {
      const anchor = this.resolve(text, row);
      // A question on a passage that is gone asks about nothing readers can see.
      if (anchor.detached) continue;
      byPlace.set(`${anchor.start}:${anchor.exact}`, { ...anchor, end: anchor.start + anchor.exact.length, count: 0, commentIds: [], question: row.question, askedBy: row.asked_by });
    }
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
