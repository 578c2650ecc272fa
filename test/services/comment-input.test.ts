import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { checkBody, checkGuest } from '../../src/services/comment-input.js';
import { ServiceError } from '../../src/services/errors.js';

const settings = loadConfig({}).discussion;

function failure(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

describe('checkBody', () => {
  it('trims, normalises line ends and removes invisible characters', () => {
    expect(checkBody('  hello\r\nworld\u200B  ', settings)).toBe('hello\nworld');
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    const custom = { ...settings, maxLength: 3 };
    expect(checkBody('😀😀😀', custom)).toBe('😀😀😀');
    expect(failure(() => checkBody('😀😀😀😀', custom))).toMatchObject({ code: 'body_too_long', field: 'body' });
  });

  it('refuses empty and whitespace-only comments', () => {
    expect(failure(() => checkBody(' \n\u200B ', settings))).toMatchObject({ code: 'body_too_short', field: 'body', message: 'Write a comment before posting.' });
  });
});

describe('checkGuest', () => {
  it('keeps a clean name and lower-cases the e-mail', () => {
    expect(checkGuest({ name: '  Tom   B. ', email: ' Tom@Example.ORG ' }, settings)).toEqual({ name: 'Tom B.', email: 'tom@example.org', website: null });
  });

  it('adds https to a bare website and refuses other schemes', () => {
    expect(checkGuest({ name: 'Tom', website: 'example.org/me' }, settings).website).toBe('https://example.org/me');
    expect(failure(() => checkGuest({ name: 'Tom', website: 'javascript:alert(1)' }, settings)).field).toBe('website');
    expect(failure(() => checkGuest({ name: 'Tom', website: 'ftp://example.org' }, settings)).field).toBe('website');
  });

  it('enforces the name length setting and the e-mail requirement', () => {
    expect(failure(() => checkGuest({ name: 'x'.repeat(51) }, settings))).toMatchObject({ code: 'name_too_long', field: 'name' });
    expect(failure(() => checkGuest({ name: 'Tom' }, { ...settings, requireEmail: true }))).toMatchObject({ code: 'email_required' });
    expect(failure(() => checkGuest({ name: 'Tom', email: 'tom@' }, settings))).toMatchObject({ code: 'email_invalid' });
  });
});
