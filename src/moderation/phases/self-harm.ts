import type { Phase } from '../context.js';

/**
 * Telling someone to kill or harm themselves, in plain words or slang ("kys", "unalive yourself",
 * "do everyone a favour and jump"): held by default with threats (`TRIBUNE_THREATS`). Help
 * ("if you are thinking of killing yourself, call…") and condemned quotes are left alone.
 */
export const selfHarm: Phase = {
  name: 'self-harm',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    const found = ctx.violence.filter((f) => f.kind === 'self-harm');
    if (found.length === 0) return undefined;
    return {
      decision: ctx.input.kind === 'name' ? 'reject' : ctx.settings.threats,
      code: 'self_harm',
      message: ctx.input.kind === 'name' ? 'This display name tells someone to harm themselves; please choose another.' : `Tells someone to harm themselves (${found[0]!.rule}).`,
      matched: ctx.spans(found.flatMap((f) => f.tokens)),
    };
  },
};
