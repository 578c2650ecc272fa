import type { Phase } from '../context.js';

/**
 * Threats and calls for violence read from the grammar (lexicon/violence.ts): any verb of killing
 * or harm aimed at a person, a group or "you" with a plan, wish or demand; "I know where you
 * live". Held by default (`TRIBUNE_THREATS`); a display name that threatens is refused.
 */
export const violentIntent: Phase = {
  name: 'violent-intent',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    const found = ctx.violence.filter((f) => f.kind === 'threat');
    if (found.length === 0) return undefined;
    return {
      decision: ctx.input.kind === 'name' ? 'reject' : ctx.settings.threats,
      code: 'threat',
      message: ctx.input.kind === 'name' ? 'This display name reads as a threat of violence; please choose another.' : `Reads as a threat or a call for violence (${found[0]!.rule}).`,
      matched: ctx.spans(found.flatMap((f) => f.tokens)),
    };
  },
};
