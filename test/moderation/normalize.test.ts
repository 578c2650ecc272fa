import { describe, expect, it } from 'vitest';
import { analyseText } from '../../src/moderation/text/normalize.js';
import { parseCsv } from '../../src/moderation/eval/csv.js';

describe('text normalisation', () => {
  it('undoes leetspeak, symbols inside words, spacing and look-alike letters, keeping the written span', () => {
    const a = analyseText('What the $h&t, sh1t! f u c k. Ｆｕｃｋ аss k.y.s');
    expect(a.normalized).toBe('what the sh*t shit fuck fuck ass kys');
    const spaced = a.tokens[4]!;
    expect(a.raw.slice(spaced.start, spaced.end)).toBe('f u c k');
    expect(spaced.disguised).toBe(true);
    expect(a.tokens[0]!.disguised).toBe(false);
  });

  it('marks quoted words and counts sentences', () => {
    const a = analyseText('He wrote "they are scum". I reported it.');
    expect(a.tokens.filter((t) => t.quoted).map((t) => t.text)).toEqual(['they', 'are', 'scum']);
    expect(a.tokens.at(-1)!.sentence).toBe(1);
  });

  it('drops zero-width characters inside words', () => {
    expect(analyseText('sh\u200bit').normalized).toBe('shit');
  });
});

describe('CSV parser', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('a,b,c\r\n1,"x, y","say ""hi""\nthere"\n2,,last\n');
    expect(rows).toEqual([['a', 'b', 'c'], ['1', 'x, y', 'say "hi"\nthere'], ['2', '', 'last']]);
  });
});
