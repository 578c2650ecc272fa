import { describe, expect, it } from 'vitest';
import { linkLimit } from '../../src/moderation/phases/link-limit.js';
import { spamPatterns } from '../../src/moderation/phases/spam-patterns.js';
import { findLinks } from '../../src/moderation/text/links.js';
import { input, runPhase } from './support.js';

// Sentences written for these tests, not taken from any measuring set.
describe('spam by what it sells', () => {
  it.each([
    ['loans', 'Payday loans with no credit checks, apply now at quickcash.loan'],
    ['dating', 'Hot singles in your area are waiting to chat: lovematch.date'],
    ['essays', 'We write your dissertation for you, any subject, order at gradeshelp.top'],
    ['trading', 'Forex signals with guaranteed returns, join our group on telegram'],
    ['giveaways', 'GIVEAWAY! Win a brand new iPhone, claim your prize at winbig.sbs'],
    ['bought followers', 'Buy 10k real Instagram followers, instant delivery: getfollowers.pw'],
    ['earnings', 'My cousin makes $400 a day on her laptop. Find out how at fastpay.cfd'],
  ])('marks %s as spam', async (_, text) => {
    expect(await runPhase(spamPatterns, input(text))).toMatchObject({ decision: 'spam', code: 'spam_pattern' });
  });

  it.each([
    'Source: https://www.ons.gov.uk/economy/inflationandpriceindices',
    'I subscribe to the paper, it costs $5 a month and is worth it.',
    'Check out the council minutes from Tuesday, page 12 has the figures.',
    'The bridge cost $40 million dollars, twice the estimate.',
    'Payday loans ruined my neighbour; the article is right to call for a cap.',
    'Please share this with anyone who lost their home in the floods.',
  ])('publishes %s', async (text) => {
    expect(await runPhase(spamPatterns, input(text))).toBeUndefined();
  });

  it('marks a display name that advertises as spam', async () => {
    expect(await runPhase(spamPatterns, input('Cheap Followers getfollowers.pw', { kind: 'name' }))).toMatchObject({ decision: 'spam', code: 'spam_name' });
    expect(await runPhase(spamPatterns, input('Maren from Harbour Street', { kind: 'name' }))).toBeUndefined();
  });
});

describe('links', () => {
  it('finds links on every top-level domain, and not in numbers or file names', () => {
    expect(findLinks('loans at easyloans.sbs and winbig.lol, see https://bbc.co.uk/news').map((l) => l.host)).toEqual(['easyloans.sbs', 'winbig.lol', 'bbc.co.uk']);
    expect(findLinks('It cost 3.5 million; see file.txt, written in node.js')).toEqual([]);
  });

  it('holds a bare link that says nothing about itself, not a named source', async () => {
    expect(await runPhase(linkLimit, input('https://harbour.example/x'))).toMatchObject({ decision: 'hold', code: 'bare_link' });
    expect(await runPhase(linkLimit, input('Wow https://harbour.example/x'))).toMatchObject({ decision: 'hold', code: 'bare_link' });
    expect(await runPhase(linkLimit, input('Source: https://harbour.example/report'))).toBeUndefined();
  });

  it('publishes a short comment that shares a link in a few words of its own', async () => {
    expect(await runPhase(linkLimit, input('First **comment** with a [link](https://example.org).'))).toBeUndefined();
    expect(await runPhase(linkLimit, input('The full ruling: https://harbour.example/ruling.pdf'))).toBeUndefined();
  });
});

describe('display names that advertise', () => {
  it.each(['Cheap Loans 24/7', 'HotGirls4U', 'fastcash dot xyz', 'Earn$500Daily'])('marks %s as spam', async (name) => {
    expect(await runPhase(spamPatterns, input(name, { kind: 'name' }))).toMatchObject({ decision: 'spam', code: 'spam_name' });
  });
});

describe('more trades', () => {
  it.each(['Powerful love spell caster, get your ex back in 48 hours: whatsapp +234 800 000 0000', 'Hire a hacker to recover your lost crypto, email recovery@fastfix.example'])('marks %s as spam', async (text) => {
    expect(await runPhase(spamPatterns, input(text))).toMatchObject({ decision: 'spam' });
  });
});

describe('goods offered with a way to buy them', () => {
  it.each([
    'Genuine registered passports and driving licences, fast discreet delivery. Telegram @docsmaster',
    'Cheap tramadol and xanax, no prescription, text 07700 900456',
  ])('marks %s as spam', async (text) => {
    expect(await runPhase(spamPatterns, input(text))).toMatchObject({ decision: 'spam', code: 'spam_pattern' });
  });

  it.each([
    'My passport renewal took eleven weeks; the Passport Office is at https://www.gov.uk/renew-adult-passport',
    'Fake documents were found in the van, police said. Call 101 with information.',
  ])('publishes %s', async (text) => {
    expect(await runPhase(spamPatterns, input(text))).toBeUndefined();
  });
});

describe('a bargain talked about is not an advert', () => {
  it('publishes talk of cheap flights with a price', async () => {
    expect(await runPhase(spamPatterns, input('Cheap flights to Malaga again, I paid £45 each way.'))).toBeUndefined();
  });
  it('marks spam the same bargain with a link to buy', async () => {
    expect(await runPhase(spamPatterns, input('Cheap flights to Malaga from £45, book now at flydeals.top'))).toMatchObject({ decision: 'spam' });
  });
});
