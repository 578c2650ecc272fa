import type { Phase } from '../context.js';

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{M}]/gu;

/** Empty, too short or too long text; a display name made of invisible characters only. */
export const length: Phase = {
  name: 'length',
  kinds: ['comment', 'name'],
  run: ({ input, settings }) => {
    const text = input.text.trim();
    if (input.kind === 'name') {
      if (text.replace(INVISIBLE, '').length === 0) return { decision: 'reject', code: 'name_empty', message: 'The display name has no visible characters.', matched: [] };
      if ([...text].length > settings.nameMaxLength) return { decision: 'reject', code: 'name_too_long', message: `The display name is longer than ${settings.nameMaxLength} characters.`, matched: [] };
      if (/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(text)) return { decision: 'reject', code: 'name_control', message: 'The display name contains control or direction-override characters.', matched: [] };
      return undefined;
    }
    const visible = text.replace(INVISIBLE, '').length;
    if (visible < settings.minLength) return { decision: 'reject', code: 'too_short', message: `The comment is shorter than ${settings.minLength} characters.`, matched: [] };
    if ([...text].length > settings.maxLength) return { decision: 'reject', code: 'too_long', message: `The comment is longer than ${settings.maxLength} characters.`, matched: [] };
    return undefined;
  },
};
