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

  it('reads plain words with a closing mark as the general path does: spans, sentences and case', () => {
    const a = analyseText('Ferry late again. Why? Council, act:\nnow');
    expect(a.tokens.map((t) => [t.text, a.raw.slice(t.start, t.end), t.sentence, t.disguised])).toEqual([
      ['ferry', 'Ferry', 0, false], ['late', 'late', 0, false], ['again', 'again', 0, false], ['why', 'Why', 1, false],
      ['council', 'Council', 2, false], ['act', 'act', 2, false], ['now', 'now', 4, false],
    ]);
    expect(analyseText('s.h.i.t happens').normalized).toBe('shit happens');
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
