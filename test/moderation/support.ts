import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { PhaseContext, Vocabulary, type Phase, type PhaseResult } from '../../src/moderation/context.js';
import { defaultModerationSettings, type ModerationSettings } from '../../src/moderation/settings.js';
import type { ModerationInput } from '../../src/moderation/verdict.js';

export const NOW = 1_700_000_000_000;

export function input(text: string, overrides: Partial<ModerationInput> = {}): ModerationInput {
  return {
    kind: 'comment',
    text,
    author: { name: 'Reader', email: 'reader@example.org', website: null, ipHash: 'ip-1', readerId: null },
    isEdit: false,
    thread: { key: 'harbour-bridge', closed: false },
    history: { approved: 0, rejected: 0, spam: 0, pending: 0 },
    now: NOW,
    ...overrides,
  };
}

const vocabularies = new Map<string, Vocabulary>();

/** Runs one phase on one input with the given settings. */
export async function runPhase(phase: Phase, given: ModerationInput, settings: Partial<ModerationSettings> = {}, counters = new InProcessRateLimitStore(() => given.now)): Promise<PhaseResult | undefined> {
  const full = { ...defaultModerationSettings, ...settings };
  const key = JSON.stringify([full.bannedWords, full.suspectWords, full.allowedWords]);
  let vocabulary = vocabularies.get(key);
  if (!vocabulary) vocabularies.set(key, (vocabulary = new Vocabulary(full)));
  const result = await phase.run(new PhaseContext(given, full, { counters }, vocabulary));
  await counters.close();
  return result;
}
