import { renderMail } from '../mail/layout.js';
import type { CommentRow, ThreadRow } from '../store/comments.js';
import type { SubscriptionRow } from '../store/subscriptions.js';
import type { OutgoingMail } from './mail.js';
import { KIND_WORDS } from './subscriptions.js';

/** How much of a comment a mail quotes; the link leads to the rest. */
const QUOTE_MAX = 1500;

export const unsubscribeUrl = (sub: Pick<SubscriptionRow, 'origin' | 'token'>) => `${sub.origin}/api/v1/unsubscribe/${sub.token}`;

/** RFC 8058: a mail client offers "Unsubscribe" and POSTs to the link itself, without opening a page. */
function unsubscribeHeaders(sub: SubscriptionRow): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl(sub)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function footer(sub: SubscriptionRow, siteName: string, title: string): string {
  return `You follow ${KIND_WORDS[sub.kind]} in the discussion of “${title}” on ${siteName}. To stop, open ${unsubscribeUrl(sub)}`;
}

function quote(comment: CommentRow): string {
  const text = comment.body_md.trim();
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX).trimEnd()}…` : text;
}

const commentUrl = (sub: SubscriptionRow, comment: CommentRow) => `${sub.origin}/comments/${comment.id}`;

/** One new comment, mailed as it arrives. `isReply`: it answers one of the subscriber's own comments. */
export function notificationMail(sub: SubscriptionRow, siteName: string, thread: ThreadRow, comment: CommentRow, isReply: boolean): OutgoingMail {
  const subject = isReply ? `${comment.author_name} replied to your comment on “${thread.title}”` : `New comment on “${thread.title}”`;
  const content = renderMail({
    siteName,
    heading: isReply ? `${comment.author_name} replied to you` : `${comment.author_name} commented`,
    paragraphs: [`On “${thread.title}”, ${comment.author_name} wrote:`, quote(comment)],
    button: { label: isReply ? 'Read the reply' : 'Read the comment', url: commentUrl(sub, comment) },
    footer: footer(sub, siteName, thread.title),
  });
  return { siteId: sub.site_id, to: sub.email, subject, kind: 'notification', headers: unsubscribeHeaders(sub), ...content };
}

/** A day's comments in one mail, oldest first. */
export function digestMail(sub: SubscriptionRow, siteName: string, thread: ThreadRow, comments: CommentRow[]): OutgoingMail {
  const count = comments.length === 1 ? '1 new comment' : `${comments.length} new comments`;
  const content = renderMail({
    siteName,
    heading: `${count} on “${thread.title}”`,
    paragraphs: comments.map((c) => `${c.author_name} wrote:\n${quote(c)}\n${commentUrl(sub, c)}`),
    button: { label: 'Read the discussion', url: commentUrl(sub, comments[0]!) },
    footer: footer(sub, siteName, thread.title),
  });
  return { siteId: sub.site_id, to: sub.email, subject: `Daily digest: ${count} on “${thread.title}”`, kind: 'notification-digest', headers: unsubscribeHeaders(sub), ...content };
}

/** A moderator's heads-up: a comment waits in the queue. */
export function heldCommentMail(to: string, siteId: string, siteName: string, thread: ThreadRow, comment: CommentRow, queueUrl: string | null): OutgoingMail {
  const content = renderMail({
    siteName,
    heading: 'A comment waits for moderation',
    paragraphs: [
      `${comment.author_name} commented on “${thread.title}”, and the comment is held until a moderator decides:`,
      quote(comment),
      ...(queueUrl ? [] : ['Open the moderation queue (/staff/moderation) to approve or reject it.']),
    ],
    ...(queueUrl ? { button: { label: 'Open the moderation queue', url: queueUrl } } : {}),
    footer: `You get this mail as a moderator of ${siteName}, because TRIBUNE_NOTIFY_MODERATORS is on.`,
  });
  return { siteId, to, subject: `Waiting for moderation: a comment on “${thread.title}”`, kind: 'moderation-queue', ...content };
}
