import type { Phase } from '../context.js';

/** Guests' form: a hidden field only robots fill (spam), and a form sent faster than a person types (held). */
export const honeypot: Phase = {
  name: 'honeypot',
  kinds: ['comment'],
  run: ({ input, settings }) => {
    const form = input.form;
    if (!form || input.isEdit) return undefined;
    if (form.honeypot !== undefined && form.honeypot.trim() !== '') {
      return { decision: 'spam', code: 'honeypot', message: 'A field hidden from people was filled in.', matched: [form.honeypot.slice(0, 200)] };
    }
    if (settings.minFillSeconds > 0 && form.startedAt !== undefined) {
      const seconds = (input.now - form.startedAt) / 1000;
      if (seconds < settings.minFillSeconds) {
        // People paste comments written elsewhere: speed alone holds for a person to look, it does not condemn.
        return { decision: 'hold', code: 'too_fast', message: `The form was sent ${Math.max(0, seconds).toFixed(1)} s after it was shown (minimum ${settings.minFillSeconds} s): held for a moderator.`, matched: [] };
      }
    }
    return undefined;
  },
};
