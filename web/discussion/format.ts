const units: [limit: number, ms: number, name: string][] = [
  [60, 60_000, 'minute'],
  [24, 3_600_000, 'hour'],
  [30, 86_400_000, 'day'],
  [12, 2_592_000_000, 'month'],
  [Infinity, 31_536_000_000, 'year'],
];

/** "just now", "5 minutes ago", "3 months ago": what the reader scans for, not the exact moment. */
export function timeAgo(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (!(elapsed >= 45_000)) return 'just now';
  for (const [limit, ms, name] of units) {
    // Round so that 50 seconds reads "1 minute ago" rather than "0 minutes ago".
    const count = Math.max(1, Math.round(elapsed / ms));
    if (count < limit) return `${count} ${name}${count === 1 ? '' : 's'} ago`;
  }
  return 'long ago';
}

const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "26 Nov 2026, 14:05 UTC". Always in UTC so the server and every browser print the same text,
 * whatever time zone each one runs in.
 */
export function exactTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function commentCount(count: number): string {
  return `${count} Comment${count === 1 ? '' : 's'}`;
}
