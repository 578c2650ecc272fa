import { PhaseContext, Vocabulary } from '../context.js';
import { defaultModerationSettings } from '../settings.js';
import type { ModerationInput } from '../verdict.js';
import { extractFeatures, type Features } from './features.js';

/** The model reads what the phases read: the normalised text (disguises undone) and its links. */
export function featuresOf(ctx: PhaseContext, bits: number): Features {
  return extractFeatures(ctx.analysis, ctx.links, bits);
}

let vocabulary: Vocabulary | undefined;

/** A bare comment or name read exactly as the pipeline would read it (for training and measuring). */
export function contextFor(text: string, kind: ModerationInput['kind'] = 'comment'): PhaseContext {
  vocabulary ??= new Vocabulary(defaultModerationSettings);
  const input: ModerationInput = {
    kind,
    text,
    author: { name: 'Reader', email: null, website: null, ipHash: null, readerId: null },
    isEdit: false,
    thread: { key: 'training', closed: false },
    history: { approved: 0, rejected: 0, spam: 0, pending: 0 },
    now: 0,
  };
  return new PhaseContext(input, defaultModerationSettings, { counters: undefined as never }, vocabulary);
}
