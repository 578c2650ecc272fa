import type { Phase } from '../context.js';
import { judge } from '../model/classifier.js';

/**
 * The learned model (src/moderation/model). Threats, attacks on a group, self-harm incitement and
 * sexual harassment run before reputation, as the rules' refusals do: a good record does not
 * excuse them. Over the reject threshold the comment is refused; over the hold threshold a
 * moderator decides. Thresholds come from validation, overridable per category (TRIBUNE_MODEL_…).
 */
export const classifierHarm: Phase = {
  name: 'classifier',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    const found = judge(ctx, ['threat', 'identity_attack', 'self_harm', 'sexual_harassment']);
    if (!found) return undefined;
    return { decision: found.decision, code: `model_${found.category}`, message: found.message, matched: found.matched, score: found.score };
  },
};

/**
 * Insults and spam by the model: soft, after reputation (a trusted commenter skips them) and after
 * the rules' own soft holds, whose exact reasons read better. Spam over the reject threshold is
 * marked spam rather than refused, as the spam rules do.
 */
export const classifierSoft: Phase = {
  name: 'classifier-soft',
  kinds: ['comment', 'name'],
  run: (ctx) => {
    const found = judge(ctx, ['insult', 'spam']);
    if (!found) return undefined;
    const decision = found.decision === 'reject' && found.category === 'spam' ? 'spam' : found.decision;
    return { decision, code: `model_${found.category}`, message: found.message, matched: found.matched, score: found.score };
  },
};
