import { describe, expect, it } from 'vitest';
import { markdownToPlainText, renderArticleMarkdown, renderCommentMarkdown } from '../../src/text/markdown.js';

describe('comment Markdown', () => {
  it('renders the subset: emphasis, links, quotes, lists, code', () => {
    const html = renderCommentMarkdown('*a* **b** `c`\n\n> quoted\n\n1. one\n2. two\n\n```\nblock <b>\n```');
    expect(html).toContain('<em>a</em> <strong>b</strong> <code>c</code>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<pre><code>block &lt;b&gt;');
  });

  it('marks every link nofollow ugc noopener and opens it apart', () => {
    const html = renderCommentMarkdown('[site](https://example.org) and www.example.com');
    expect(html.match(/rel="nofollow ugc noopener"/g)).toHaveLength(2);
    expect(html).toContain('href="http://www.example.com"');
  });

  it('escapes hostile HTML and drops dangerous link schemes, headings and images', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '[y](data:text/html;base64,PHNjcmlwdD4=)',
      '<a href="https://evil.example" onclick="x()">a</a>',
      '# Shouting heading',
      '![pic](https://example.org/p.png)',
      '<iframe src="https://evil.example"></iframe>',
    ].join('\n\n');
    const html = renderCommentMarkdown(hostile);
    expect(html).not.toMatch(/<(script|img|iframe|h1)/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).not.toMatch(/<[^>]+ on\w+=/i);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('article Markdown', () => {
  it('allows headings and images from staff but no raw HTML', () => {
    const html = renderArticleMarkdown('## Section\n\n![Bridge](/static/demo/bridge.svg)\n\n<script>x</script>');
    expect(html).toContain('<h2>Section</h2>');
    expect(html).toContain('<img src="/static/demo/bridge.svg" alt="Bridge" />');
    expect(html).not.toContain('<script>');
  });

  it('gives plain text for excerpts', () => {
    expect(markdownToPlainText('Some *very* [linked](https://x.org) text\n\nnext')).toBe('Some very linked text next');
  });
});

describe('mentions in comment Markdown', () => {
  const names = new Set(['ada lovelace', 'ada', 'bo']);

  it('marks the longest resolved name after an @, whatever its case, and nothing else', () => {
    expect(renderCommentMarkdown('Thanks @ADA Lovelace, and @bo.', names)).toBe('<p>Thanks <span class="mention">@ADA Lovelace</span>, and <span class="mention">@bo</span>.</p>');
    expect(renderCommentMarkdown('@Ada Byron said so', names)).toBe('<p><span class="mention">@Ada</span> Byron said so</p>');
    expect(renderCommentMarkdown('@Adam and @nobody', names)).toBe('<p>@Adam and @nobody</p>');
  });

  it('leaves addresses, code and comments without resolved names alone', () => {
    expect(renderCommentMarkdown('mail ada@bo.example', names)).not.toContain('mention');
    expect(renderCommentMarkdown('`@bo`', names)).toBe('<p><code>@bo</code></p>');
    expect(renderCommentMarkdown('Hi @bo')).toBe('<p>Hi @bo</p>');
  });

  it('cannot be used to smuggle markup or classes', () => {
    const html = renderCommentMarkdown('@bo <span class="mention">fake</span> <img src=x onerror=alert(1)>', names);
    expect(html.match(/<span/g)).toHaveLength(1);
    expect(html).toContain('&lt;span class="mention"&gt;fake');
  });
});
