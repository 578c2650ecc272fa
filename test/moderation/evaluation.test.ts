import { describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { findFixturesDir, loadHateCheck, loadYouTube, type LabelledCase } from '../../src/moderation/eval/fixtures.js';
import { createModerationPipeline } from '../../src/moderation/pipeline.js';
import { defaultModerationSettings } from '../../src/moderation/settings.js';

// The labelled sets are other projects' data and not part of the repository: a clone without them
// says so plainly and measures nothing here (npm run eval:moderation says the same). A folder
// named in TRIBUNE_FIXTURES_DIR that holds no sets is a mistake, and fails.
const dir = findFixturesDir();
if (!dir && process.env.TRIBUNE_FIXTURES_DIR) {
  throw new Error(`TRIBUNE_FIXTURES_DIR=${process.env.TRIBUNE_FIXTURES_DIR} holds no moderation sets (hatecheck/ …).`);
}
if (!dir) console.warn('Not measuring moderation against the labelled sets: none found (set TRIBUNE_FIXTURES_DIR, or keep shared/fixtures beside the repository or above it).');

async function flaggedShare(cases: LabelledCase[]): Promise<number> {
  const counters = new InProcessRateLimitStore();
  const pipeline = createModerationPipeline({ ...defaultModerationSettings, rateLimitsEnabled: false }, { counters });
  let flagged = 0;
  let n = 0;
  for (const c of cases) {
    n++;
    const verdict = await pipeline.check({
      kind: 'comment', text: c.text, author: { name: 'Guest', email: null, website: null, ipHash: `e${n}`, readerId: null },
      isEdit: false, thread: { key: `t${n}`, closed: false, premoderation: 'none' }, history: { approved: 0, rejected: 0, spam: 0, pending: 0 }, now: Date.now(),
    });
    if (verdict.decision !== 'publish') flagged++;
  }
  await counters.close();
  return flagged / n;
}

describe.skipIf(!dir)('default settings against the labelled sets (targets from issue 3)', () => {
  it('HateCheck: recall ≥ 0.8 on hateful cases and on the spelling-obfuscation classes; < 10% of non-hateful flagged', async () => {
    const cases = loadHateCheck(dir!);
    expect(await flaggedShare(cases.filter((c) => c.flag))).toBeGreaterThanOrEqual(0.8);
    expect(await flaggedShare(cases.filter((c) => c.group.startsWith('spell_')))).toBeGreaterThanOrEqual(0.8);
    expect(await flaggedShare(cases.filter((c) => !c.flag))).toBeLessThan(0.1);
  });

  // "Subscribe", "check out" and a bare link no longer make spam on their own (they are ordinary in a
  // news thread); YouTube's self-promotion that says no more than that is left to the classifier.
  it('YouTube: spam recall ≥ 0.7, < 5% of ham flagged', async () => {
    const cases = loadYouTube(dir!);
    expect(await flaggedShare(cases.filter((c) => c.flag))).toBeGreaterThanOrEqual(0.7);
    expect(await flaggedShare(cases.filter((c) => !c.flag))).toBeLessThan(0.05);
  });
});
