import { expect, it } from 'vitest';
import { stripMarkdownLinks } from '../../src/moderation/context.js';

it('reads a Markdown link by its visible text and drops bare addresses', () => {
  expect(stripMarkdownLinks('See [the council minutes](https://example.org/minutes) and https://example.org/x now')).toBe('See [the council minutes] and   now');
});

it('takes linear time on a comment built to make it backtrack ("[a](" repeated)', () => {
  const hostile = '[a]('.repeat(24_000); // 96,000 characters: 5.4 s before, when each "](" scanned to the end
  const started = performance.now();
  stripMarkdownLinks(hostile);
  stripMarkdownLinks(`${hostile})`);
  expect(performance.now() - started).toBeLessThan(200);
});

it('finds every kind of link past the quick check, and none in prose with only full stops', async () => {
  const { findLinks } = await import('../../src/moderation/text/links.js');
  expect(findLinks('The ferry was late. Again. And 3.5 million on a bridge, e. g. nothing.')).toEqual([]);
  for (const [text, url] of [['see fastcash.xyz now', 'fastcash.xyz'], ['at https://bbc.co.uk/news', 'https://bbc.co.uk/news'], ['go //example.org/x', '//example.org/x'], ['ftp://files.example', 'ftp://files.example'], ['Straße.DE', 'Straße.DE']] as const) {
    expect(findLinks(text).map((l) => l.url)).toEqual([url]);
  }
});
