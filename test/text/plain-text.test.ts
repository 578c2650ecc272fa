import { describe, expect, it } from 'vitest';
import { plainTextOf } from '../../src/text/plain-text.js';
import { renderArticleMarkdown } from '../../src/text/markdown.js';

describe('the plain text of an article', () => {
  it('is what a reader sees: one blank line between blocks, entities decoded, no markup, spacing as one space', () => {
    const html = renderArticleMarkdown('# Bridge\n\nThe **council** voted\n23 to 9 & "agreed".\n\n- ferries\n- buses\n\n> A quote <here>.');
    expect(plainTextOf(html)).toBe('Bridge\n\nThe council voted 23 to 9 & "agreed".\n\nferries\n\nbuses\n\nA quote <here>.');
  });

  it('gives the same offsets for the same article, whatever the markup around the words', () => {
    const a = plainTextOf(renderArticleMarkdown('First.\n\nSecond *with* emphasis.'));
    const b = plainTextOf(renderArticleMarkdown('First.\n\nSecond with emphasis.'));
    expect(a).toBe(b);
    expect(a.indexOf('with')).toBe('First.\n\nSecond '.length);
  });
});
