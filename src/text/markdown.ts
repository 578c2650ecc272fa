import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { mayContainLink } from './link-pretest.js';

/**
 * Comment text: a safe Markdown subset (paragraphs, emphasis, links, quotes, lists, inline and
 * block code). Raw HTML is never interpreted (`html: false`), and the output passes an allow-list
 * as a second line of defence, so a hostile comment can only ever produce these tags.
 */
const commentMarkdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true })
  .enable(['paragraph', 'newline', 'emphasis', 'link', 'linkify', 'autolink', 'blockquote', 'list', 'backticks', 'code', 'fence', 'escape', 'entity', 'text_join', 'strikethrough']);

// Readers write "www.example.org" without a scheme; bare e-mail addresses stay text.
commentMarkdown.linkify.set({ fuzzyLink: true, fuzzyEmail: false });
// Most comments have no link: rule that out cheaply before linkify-it's own search.
const linkifyTest = commentMarkdown.linkify.test.bind(commentMarkdown.linkify);
commentMarkdown.linkify.test = (text: string) => mayContainLink(text) && linkifyTest(text);

// Links readers post must not pass ranking to spam or reach back into the page.
commentMarkdown.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

/**
 * `@Name` where Name is one of the names resolved for this comment (lower-case, in `env.mentions`):
 * the longest one that follows the `@` and ends at a word boundary. An `@` inside a word (an
 * e-mail address) is no mention.
 */
commentMarkdown.inline.ruler.before('emphasis', 'mention', (state, silent) => {
  const names = (state.env as { mentions?: ReadonlySet<string> }).mentions;
  if (!names || names.size === 0 || state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  if (state.pos > 0 && /[\p{L}\p{N}_]/u.test(state.src[state.pos - 1]!)) return false;
  const rest = state.src.slice(state.pos + 1, state.pos + 1 + MENTION_MAX);
  const name = longestMentionAt(rest, names);
  if (!name) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.content = `@${rest.slice(0, name.length)}`;
  }
  state.pos += 1 + name.length;
  return true;
});
commentMarkdown.renderer.rules.mention = (tokens, idx) => `<span class="mention">${commentMarkdown.utils.escapeHtml(tokens[idx]!.content)}</span>`;

/** The longest text a mention can name: display names are at most this long. */
export const MENTION_MAX = 100;

/** The longest of `names` (lower-case) that `text` starts with, ending at a word boundary. */
export function longestMentionAt(text: string, names: ReadonlySet<string>): string | null {
  for (const candidate of mentionCandidates(text)) if (names.has(candidate.toLowerCase())) return candidate;
  return null;
}

/**
 * What may be a name after an `@`, longest first: every prefix of `text` that ends where a letter
 * or digit is followed by something else ("Ada Lovelace, hi" → "Ada Lovelace, hi"…, "Ada Lovelace", "Ada").
 */
export function mentionCandidates(text: string): string[] {
  const head = text.slice(0, MENTION_MAX).split('\n')[0]!;
  const ends: string[] = [];
  for (let i = 1; i <= head.length; i++) {
    const wordEnds = /[\p{L}\p{N}_.'’-]/u.test(head[i - 1]!) && (i === head.length || !/[\p{L}\p{N}_]/u.test(head[i]!));
    if (wordEnds) ends.push(head.slice(0, i).replace(/[.'’-]+$/u, ''));
  }
  return [...new Set(ends.filter(Boolean))].sort((a, b) => b.length - a.length);
}

const commentTags = ['p', 'br', 'em', 'strong', 's', 'a', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre', 'span'];

/** `mentions`: the lower-case names this comment's `@` mentions resolved to (see MentionService). */
export function renderCommentMarkdown(text: string, mentions?: ReadonlySet<string>): string {
  const html = commentMarkdown.render(text, mentions ? { mentions } : {});
  return sanitizeHtml(html, {
    allowedTags: commentTags,
    allowedAttributes: { a: ['href', 'rel', 'target'], ol: ['start'], span: ['class'] },
    allowedClasses: { span: ['mention'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener', target: '_blank' } }),
    },
  }).trim();
}

/**
 * Article bodies come from staff, so they may also have headings, images and rules;
 * raw HTML is still off so an imported or pasted body cannot carry scripts.
 */
const articleMarkdown = new MarkdownIt('commonmark', { html: false, linkify: true, typographer: true });

export function renderArticleMarkdown(text: string): string {
  return sanitizeHtml(articleMarkdown.render(text), {
    allowedTags: [...commentTags, 'h2', 'h3', 'h4', 'hr', 'img', 'figure', 'figcaption'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
  }).trim();
}

/** Plain text for excerpts and meta descriptions. */
export function markdownToPlainText(text: string): string {
  return sanitizeHtml(commentMarkdown.render(text), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
}
