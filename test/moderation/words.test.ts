import { describe, expect, it } from 'vitest';
import { bannedWords } from '../../src/moderation/phases/banned-words.js';
import { suspectWords } from '../../src/moderation/phases/suspect-words.js';
import { input, runPhase } from './support.js';

describe('banned-words', () => {
  it.each([
    ['a plain slur', 'Typical nigger behaviour.', 'nigger'],
    ['leetspeak', 'You are nothing but a fagg0t.', 'fagg0t'],
    ['spaced letters', 'Too many w e t b a c k s in this town.', 'w e t b a c k s'],
    ['look-alike Cyrillic letters', 'Go home, kіke.', 'kіke'],
    ['fullwidth letters', 'ｔｒａｎｎｙ', 'ｔｒａｎｎｙ'],
    ['repeated letters', 'Shut up, faaaggot', 'faaaggot'],
    ['symbols inside', 'Bloody n*gger', 'n*gger'],
  ])('refuses %s and quotes the text as written', async (_, text, matched) => {
    const result = await runPhase(bannedWords, input(text));
    expect(result).toMatchObject({ decision: 'reject', code: 'slur' });
    expect(result!.matched).toContain(matched);
  });

  it.each([
    'Scunthorpe United won at home.',
    'A classic assassin story, with a cocktail in every scene.',
    'Dick Van Dyke sang in the film.',
    'The cockpit crew and the raccoon.',
    'Shiitake mushrooms grow in Essex.',
    'Mongolia borders China.',
  ])('passes an ordinary sentence: %s', async (text) => {
    expect(await runPhase(bannedWords, input(text))).toBeUndefined();
    expect(await runPhase(suspectWords, input(text))).toBeUndefined();
  });

  it('exempts reclaimed use and condemned quotes, not the same word aimed at someone', async () => {
    expect(await runPhase(bannedWords, input("I'm a proud faggot and I'm not going anywhere."))).toBeUndefined();
    expect(await runPhase(bannedWords, input('Calling people "faggots" is not okay and should get you banned.'))).toBeUndefined();
    expect(await runPhase(bannedWords, input('You are a faggot.'))).toMatchObject({ decision: 'reject' });
  });

  it('adds the site\'s banned terms, disguised or not', async () => {
    const settings = { bannedWords: ['grifter', 'lying press'] };
    expect(await runPhase(bannedWords, input('What a gr1fter.'), settings)).toMatchObject({ decision: 'reject', code: 'banned_word', matched: ['gr1fter'] });
    expect(await runPhase(bannedWords, input('The Lying Press strikes again'), settings)).toMatchObject({ matched: ['Lying Press'] });
    expect(await runPhase(bannedWords, input('A gift for the driver'), settings)).toBeUndefined();
  });

  it('refuses plain profanity only when TRIBUNE_PROFANITY=reject', async () => {
    expect(await runPhase(bannedWords, input('That was a shit decision.'))).toBeUndefined();
    expect(await runPhase(bannedWords, input('That was a shit decision.'), { profanity: 'reject' })).toMatchObject({ code: 'profanity', matched: ['shit'] });
  });

  it('refuses an abusive display name written as one word', async () => {
    expect(await runPhase(bannedWords, input('NiggerHunter', { kind: 'name' }))).toMatchObject({ decision: 'reject' });
    expect(await runPhase(bannedWords, input('Dick Van Dyke', { kind: 'name' }))).toBeUndefined();
  });
});

describe('suspect-words', () => {
  it.each([
    ['$h&t', 'What the $h&t is this?'],
    ['sh*t', 'Total sh*t from the council'],
    ['f u c k', 'f u c k this'],
    ['fukc', 'fukc the mayor'],
    ['c*nt', 'what a c*nt'],
    ['phuck', 'phuck that'],
    ['sh1t', 'absolute sh1t'],
  ])('holds disguised profanity %s', async (matched, text) => {
    const result = await runPhase(suspectWords, input(text));
    expect(result).toMatchObject({ decision: 'hold', code: 'disguised_profanity' });
    expect(result!.matched).toContain(matched);
  });

  it('reads a doubled letter or a swapped pair as a disguise, not both at once', async () => {
    // "stuff" squeezed is "stuf", a swap of "stfu"; "banner" squeezed is "baner", a swap of a slur.
    expect(await runPhase(suspectWords, input('Good stuff, thanks for the banner photo.'))).toBeUndefined();
  });

  it('lets plain profanity through by default: heated is not hateful', async () => {
    expect(await runPhase(suspectWords, input('Holy shit, that fucking bridge is finally open.'))).toBeUndefined();
    expect(await runPhase(suspectWords, input('Holy shit'), { profanity: 'hold' })).toMatchObject({ decision: 'hold' });
  });

  it('holds mild slurs and the site\'s suspect words', async () => {
    expect(await runPhase(suspectWords, input('Shut up, you stupid bitch.'))).toMatchObject({ decision: 'hold', code: 'suspect_word', matched: ['bitch'] });
    expect(await runPhase(suspectWords, input('Sounds like a scam to me'), { suspectWords: ['scam'] })).toMatchObject({ matched: ['scam'] });
  });
});
