import type { Phase } from '../context.js';
import { isCounterSpeech } from '../lexicon/hate.js';
import { hateCodesIn } from '../lexicon/hate-codes.js';

/**
 * Identity-based hate and threats (see lexicon/hate.ts for the rules). Held by default: the rules
 * read grammar, not minds, and a person should decide; `TRIBUNE_HATE` / `TRIBUNE_THREATS=reject`
 * refuse instead. Runs before reputation: a good record does not excuse a threat.
 */
export const hateSpeech: Phase = {
  name: 'hate-speech',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    // A display name is not held for later: one that threatens or hates is refused, with the reason.
    const name = ctx.input.kind === 'name';
    const threats = ctx.hate.filter((f) => f.kind === 'threat' || f.kind === 'self-harm');
    if (threats.length > 0) {
      return {
        decision: name ? 'reject' : ctx.settings.threats,
        code: threats[0]!.kind === 'self-harm' ? 'self_harm' : 'threat',
        message: name ? 'This display name reads as a threat or a call for violence; please choose another.' : `Reads as a threat or a call for violence (${threats[0]!.rule}).`,
        matched: ctx.spans(threats.flatMap((f) => f.tokens)),
      };
    }
    const codes = hateCodesIn(ctx.analysis.normalized, ctx.input.kind);
    if (codes.length > 0 && (name || !isCounterSpeech(ctx.analysis))) {
      return {
        decision: name ? 'reject' : ctx.settings.hate,
        code: 'hate',
        message: name ? 'This display name carries a hate movement\'s code or slogan; please choose another.' : 'Carries a hate movement\'s code or slogan.',
        matched: codes,
      };
    }
    const hate = ctx.hate.filter((f) => f.kind === 'hate');
    if (hate.length > 0) {
      return {
        decision: name ? 'reject' : ctx.settings.hate,
        code: 'hate',
        message: name ? 'This display name reads as hate against a group; please choose another.' : `Reads as hate against a group (${hate[0]!.rule}).`,
        matched: ctx.spans(hate.flatMap((f) => f.tokens)),
      };
    }
    return undefined;
  },
};
