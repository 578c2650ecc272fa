/**
 * Where to send a reader after signing in: a path on this site only, so a sign-in link cannot be
 * made to forward the reader to another site (`//evil.example`, `/\evil.example`, `https://…`).
 */
export function sameSitePath(raw: string | undefined | null, fallback = '/'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\\]/.test(raw)) return fallback;
  return raw;
}
