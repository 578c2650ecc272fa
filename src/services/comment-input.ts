import type { DiscussionSettings } from '../config.js';
import { invalid } from './errors.js';

export interface GuestIdentity {
  name: string;
  email: string | null;
  website: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Collapses what readers cannot see but filters trip over: control and zero-width characters. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '');
}

export function checkBody(raw: string, settings: DiscussionSettings): string {
  const body = cleanText(raw).replace(/\r\n?/g, '\n').trim();
  const length = [...body].length;
  if (length < settings.minLength) {
    throw invalid('body_too_short', 'body', length === 0 ? 'Write a comment before posting.' : `A comment needs at least ${settings.minLength} characters.`);
  }
  if (length > settings.maxLength) {
    throw invalid('body_too_long', 'body', `A comment can have at most ${settings.maxLength} characters; this one has ${length}.`);
  }
  return body;
}

export function checkGuest(input: { name?: string; email?: string; website?: string }, settings: DiscussionSettings): GuestIdentity {
  const name = cleanText(input.name ?? '').replace(/\s+/g, ' ').trim();
  if (name.length === 0) throw invalid('name_required', 'name', 'Enter a name to comment as a guest.');
  if ([...name].length > settings.nameMaxLength) {
    throw invalid('name_too_long', 'name', `A name can have at most ${settings.nameMaxLength} characters.`);
  }

  const email = (input.email ?? '').trim().toLowerCase() || null;
  if (email === null && settings.requireEmail) throw invalid('email_required', 'email', 'Enter your e-mail address to comment.');
  if (email !== null && (email.length > 254 || !EMAIL.test(email))) {
    throw invalid('email_invalid', 'email', 'Enter a valid e-mail address, such as name@example.org.');
  }

  let website = (input.website ?? '').trim() || null;
  if (website !== null) {
    if (!/^https?:\/\//i.test(website)) website = `https://${website}`;
    let valid = website.length <= 200;
    try {
      const url = new URL(website);
      valid &&= (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
    } catch {
      valid = false;
    }
    if (!valid) throw invalid('website_invalid', 'website', 'Enter a website address such as https://example.org, or leave it empty.');
  }
  return { name, email, website };
}
