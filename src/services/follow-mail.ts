import { renderMail } from '../mail/layout.js';
import type { ArticleRow } from '../store/articles.js';
import type { CommentRow, ThreadRow } from '../store/comments.js';
import type { OutgoingMail } from './mail.js';

/** How much of a comment a mail quotes; the link leads to the rest. */
const QUOTE_MAX = 1500;

function quote(comment: CommentRow): string {
  const text = comment.body_md.trim();
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX).trimEnd()}…` : text;
}

/** Where a mail's links lead and how to stop it: one RFC 8058 one-click link per follow or per reader's mentions. */
export interface MailTarget {
  siteId: string;
  siteName: string;
  to: string;
  origin: string;
  token: string;
}

const unsubscribeUrl = (t: MailTarget) => `${t.origin}/api/v1/unsubscribe/${t.token}`;
const commentUrl = (t: MailTarget, comment: CommentRow) => `${t.origin}/comments/${comment.id}`;
const articleUrl = (t: MailTarget, article: ArticleRow) => `${t.origin}/articles/${encodeURIComponent(article.slug)}`;

function headers(t: MailTarget): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl(t)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

const mentionFooter = (t: MailTarget) => `You get this mail because you are mentioned by name on ${t.siteName}. To stop mails about mentions, open ${unsubscribeUrl(t)}`;
const followFooter = (t: MailTarget, name: string, what: string) => `You follow ${what} of ${name} on ${t.siteName}. To stop, open ${unsubscribeUrl(t)}`;

/** A comment that names the reader (or the author), mailed as it arrives. */
export function mentionMail(t: MailTarget, thread: ThreadRow, comment: CommentRow): OutgoingMail {
  const content = renderMail({
    siteName: t.siteName,
    heading: `${comment.author_name} mentioned you`,
    paragraphs: [`In the discussion of “${thread.title}”, ${comment.author_name} wrote:`, quote(comment)],
    button: { label: 'Read the comment', url: commentUrl(t, comment) },
    footer: mentionFooter(t),
  });
  return { siteId: t.siteId, to: t.to, subject: `${comment.author_name} mentioned you on “${thread.title}”`, kind: 'mention', headers: headers(t), ...content };
}

/** A day's mentions in one mail, oldest first. */
export function mentionDigestMail(t: MailTarget, items: { thread: ThreadRow; comment: CommentRow }[]): OutgoingMail {
  const count = items.length === 1 ? '1 mention' : `${items.length} mentions`;
  const content = renderMail({
    siteName: t.siteName,
    heading: `You were mentioned: ${count}`,
    paragraphs: items.map(({ thread, comment }) => `${comment.author_name} on “${thread.title}”:\n${quote(comment)}\n${commentUrl(t, comment)}`),
    button: { label: 'Read the first one', url: commentUrl(t, items[0]!.comment) },
    footer: mentionFooter(t),
  });
  return { siteId: t.siteId, to: t.to, subject: `Daily digest: ${count} of you on ${t.siteName}`, kind: 'mention-digest', headers: headers(t), ...content };
}

/** A new comment by a commenter the reader follows. */
export function followedCommentMail(t: MailTarget, thread: ThreadRow, comment: CommentRow): OutgoingMail {
  const content = renderMail({
    siteName: t.siteName,
    heading: `${comment.author_name} commented`,
    paragraphs: [`On “${thread.title}”, ${comment.author_name} wrote:`, quote(comment)],
    button: { label: 'Read the comment', url: commentUrl(t, comment) },
    footer: followFooter(t, comment.author_name, 'the comments'),
  });
  return { siteId: t.siteId, to: t.to, subject: `${comment.author_name} commented on “${thread.title}”`, kind: 'follow-comment', headers: headers(t), ...content };
}

/** A new article by an author the reader follows. */
export function followedArticleMail(t: MailTarget, authorName: string, article: ArticleRow): OutgoingMail {
  const content = renderMail({
    siteName: t.siteName,
    heading: article.title,
    paragraphs: [`${authorName} published a new article on ${t.siteName}.`, ...(article.standfirst ? [article.standfirst] : [])],
    button: { label: 'Read the article', url: articleUrl(t, article) },
    footer: followFooter(t, authorName, 'the new articles'),
  });
  return { siteId: t.siteId, to: t.to, subject: `New from ${authorName}: “${article.title}”`, kind: 'follow-article', headers: headers(t), ...content };
}

/** A day's new articles or comments from one followed person, oldest first. */
export function followDigestMail(
  t: MailTarget,
  name: string,
  items: ({ article: ArticleRow } | { thread: ThreadRow; comment: CommentRow })[],
): OutgoingMail {
  const count = items.length === 1 ? '1 new' : `${items.length} new`;
  const isArticles = 'article' in items[0]!;
  const url = (item: (typeof items)[number]) => ('article' in item ? articleUrl(t, item.article) : commentUrl(t, item.comment));
  const content = renderMail({
    siteName: t.siteName,
    heading: `${count} from ${name}`,
    paragraphs: items.map((item) =>
      'article' in item ? `${item.article.title}\n${url(item)}` : `On “${item.thread.title}”:\n${quote(item.comment)}\n${url(item)}`,
    ),
    button: { label: isArticles ? 'Read the first one' : 'Read the first comment', url: url(items[0]!) },
    footer: followFooter(t, name, isArticles ? 'the new articles' : 'the comments'),
  });
  return { siteId: t.siteId, to: t.to, subject: `Daily digest: ${count} from ${name}`, kind: 'follow-digest', headers: headers(t), ...content };
}
