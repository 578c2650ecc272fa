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

const commentTags = ['p', 'br', 'em', 'strong', 's', 'a', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre'];

export function renderCommentMarkdown(text: string): string {
  const html = commentMarkdown.render(text);
  return sanitizeHtml(html, {
    allowedTags: commentTags,
    allowedAttributes: { a: ['href', 'rel', 'target'], ol: ['start'] },
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
