import { afterAll, describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { findFixturesDir, loadHateCheck, loadYouTube } from '../../src/moderation/eval/fixtures.js';
import { PHASES, createModerationPipeline, type ModerationPipeline } from '../../src/moderation/pipeline.js';
import { defaultModerationSettings, type ModerationSettings } from '../../src/moderation/settings.js';
import type { ModerationInput, ModerationVerdict } from '../../src/moderation/verdict.js';
import { NOW, input } from './support.js';

const opened: { pipeline: ModerationPipeline; counters: InProcessRateLimitStore }[] = [];
afterAll(async () => {
  for (const { pipeline, counters } of opened) {
    await pipeline.close();
    await counters.close();
  }
});

/** The same settings read on the calling thread and on moderation threads, each with its own counters. */
function pair(settings: Partial<ModerationSettings> = {}, threads = 1): { here: ModerationPipeline; threaded: ModerationPipeline } {
  const make = (count: number) => {
    const counters = new InProcessRateLimitStore(() => NOW);
    const pipeline = createModerationPipeline({ ...defaultModerationSettings, ...settings }, { counters }, PHASES, { threads: count });
    opened.push({ pipeline, counters });
    return pipeline;
  };
  return { here: make(0), threaded: make(threads) };
}

async function both(p: { here: ModerationPipeline; threaded: ModerationPipeline }, given: ModerationInput): Promise<[ModerationVerdict, ModerationVerdict]> {
  return [await p.here.check(given), await p.threaded.check(given)];
}

const trusted = { history: { approved: 12, rejected: 0, spam: 0, pending: 0 } };
const distrusted = { history: { approved: 1, rejected: 4, spam: 3, pending: 0 } };

const cases: [string, ModerationInput][] = [
  ['an ordinary comment', input('Good reporting on the ferry timetable; the 7:15 is always late.')],
  ['a closed thread', input('You are a wetback.', { thread: { key: 'k', closed: true } })],
  ['a banned commenter', input('A polite comment.', { ban: { reason: 'Spam.', until: null } })],
  ['too short', input('x')],
  ['the honeypot filled', input('Nice article about the harbour.', { form: { honeypot: 'http://spam.example' } })],
  ['a slur', input('Typical n1gger nonsense from the council')],
  ['hate', input('Time to eradicate them all, every last immigrant.')],
  ['a threat', input('I know where you live and I will kill you.')],
  ['self-harm incitement', input('Nobody would miss you, just kys already.')],
  ['a blocked domain', input('Read more at https://spam.example/offer today', {})],
  ['spam patterns', input('Check out my channel and subscribe!!! http://bit.ly/xyz earn $5000 a week from home')],
  ['disguised profanity', input('What the $h&t is the mayor doing?')],
  ['an insult', input('You are an idiot and a coward, go away.')],
  ['too many links', input('See https://a.example/1 https://b.example/2 https://c.example/3 https://d.example/4 https://e.example/5')],
  ['trusted, soft hold skipped', input('What the $h&t is the council doing?', trusted)],
  ['trusted, refusal kept', input('Time to eradicate them!', trusted)],
  ['often refused', input('The bridge works were finished early this year.', distrusted)],
  ['an edit', input('I will kill you.', { isEdit: true })],
  ['a spam name', input('Cheap Viagra Online', { kind: 'name' })],
  ['an abusive name', input('KillAllJournalists', { kind: 'name' })],
  ['an ordinary name', input('Maren Olsen', { kind: 'name' })],
];

describe('moderation threads', () => {
  it('give every verdict the calling thread gives, phase, reasons and matched words included', async () => {
    const p = pair({ blockedDomains: ['spam.example'], rateLimitsEnabled: false });
    const phases = new Set<string>();
    for (const [what, given] of cases) {
      const [here, threaded] = await both(p, given);
      expect(threaded, what).toEqual(here);
      phases.add(here.reasons[0]?.phase ?? 'published');
    }
    // The cases decide in many different phases, on both sides of the shared ones.
    expect(phases.size).toBeGreaterThanOrEqual(12);
  });

  it('keep the shared phases on the calling thread in their turn: the burst limit first, repeated text only after the refusals', async () => {
    const p = pair({ premoderation: 'all' }, 2);
    const burst = Array.from({ length: 8 }, (_, i) => input(`Comment number ${i} about the ferry timetable and the late 7:15.`));
    for (const given of burst) {
      const [here, threaded] = await both(p, given);
      expect(threaded).toEqual(here);
    }
    expect((await p.threaded.check(burst[0]!)).reasons[0]!.code).toBe('rate_limited');
    // A refused text is not remembered as seen; an accepted one is, and its repeat is spam.
    const q = pair({ rateLimitsEnabled: false });
    const threat = input('Someone should shoot the editor of this rag, the man is a menace to this town.');
    const plain = input('The ferry timetable changes on Monday, and the 7:15 moves to 7:20 for the summer.');
    for (const given of [threat, threat, plain, plain, { ...plain, author: { ...plain.author, ipHash: 'ip-9', email: null } }]) {
      const [here, threaded] = await both(q, given);
      expect(threaded).toEqual(here);
    }
    expect((await q.threaded.check(threat)).reasons[0]!.phase).not.toBe('repeated-text');
    expect((await q.threaded.check(plain)).reasons[0]!.phase).toBe('repeated-text');
  });

  it('read many comments at once, each answered with its own verdict', async () => {
    const p = pair({ blockedDomains: ['spam.example'], rateLimitsEnabled: false }, 2);
    const given = cases.map(([, c], i) => ({ ...c, author: { ...c.author, ipHash: `ip-${i}` }, thread: { ...c.thread, key: `t${i}` } }));
    const threaded = await Promise.all(given.map((c) => p.threaded.check(c)));
    const here = await Promise.all(given.map((c) => p.here.check(c)));
    expect(threaded).toEqual(here);
  });

  const dir = findFixturesDir();
  it.skipIf(!dir)('agree with the calling thread on every third HateCheck and YouTube case', async () => {
    const p = pair({ rateLimitsEnabled: false }, 2);
    const labelled = [...loadHateCheck(dir!), ...loadYouTube(dir!)].filter((_, i) => i % 3 === 0);
    const given = labelled.map((c, n) => ({
      ...input(c.text, { author: { name: 'Guest', email: null, website: null, ipHash: `e${n}`, readerId: null }, thread: { key: `t${n}`, closed: false } }),
    }));
    const threaded = await Promise.all(given.map((c) => p.threaded.check(c)));
    const here: ModerationVerdict[] = [];
    for (const c of given) here.push(await p.here.check(c));
    expect(threaded).toEqual(here);
  }, 120_000);
});
