/**
 * The text a reader sees in rendered HTML, as one string: each block (paragraph, heading, list item,
 * quote) separated by a blank line, runs of white space as one space, entities decoded. Passage
 * offsets count characters of this string, so the same article always gives the same offsets.
 * For HTML Tribune rendered itself (sanitised Markdown), not for arbitrary markup.
 */
export function plainTextOf(html: string): string {
  const blocks = html
    .replace(/<br\s*\/?>/gi, ' ')
    .split(/<\/?(?:p|h[1-6]|li|blockquote|pre|figure|figcaption|ul|ol|table|tr|div|hr)\b[^>]*>/i)
    .map((block) => decodeEntities(block.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim())
    .filter((block) => block.length > 0);
  return blocks.join('\n\n');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}
