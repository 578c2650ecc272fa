/**
 * Calendar arithmetic in a named time zone (IANA, such as "Europe/Berlin"), with nothing but Intl:
 * where a month starts and ends for a site, and how a moment reads on its wall clocks.
 */

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  return format;
}

/** True for a time zone name Intl knows ("UTC", "America/New_York"). */
export function isTimeZone(name: string): boolean {
  try {
    formatIn(name);
    return true;
  } catch {
    return false;
  }
}

/** True for a BCP 47 language tag Intl accepts ("en-US"). */
export function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** What the wall clocks of `timeZone` show at the moment `at` (epoch ms). */
export function wallClock(at: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatIn(timeZone).formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** How far the zone's wall clocks are ahead of UTC at `at`, in ms (negative west of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The first moment of a wall-clock day in the zone: its midnight, or, where a clock change skips
 * midnight, the first moment that day exists. `month` may run past 12 (13 is January next year).
 */
export function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  let guess = asUtc - offsetAt(asUtc, timeZone);
  // The offset at the answer may differ from the offset at the guess (a clock change between them).
  guess = asUtc - offsetAt(guess, timeZone);
  const w = wallClock(guess, timeZone);
  const target = new Date(asUtc);
  if (w.year !== target.getUTCFullYear() || w.month !== target.getUTCMonth() + 1 || w.day !== target.getUTCDate()) {
    // Midnight does not exist that day (clocks jumped forward at 00:00): the day starts after the gap.
    for (let step = 15 * 60_000; step <= 3 * 3_600_000; step += 15 * 60_000) {
      const w2 = wallClock(guess + step, timeZone);
      if (w2.day === target.getUTCDate()) return guess + step - (w2.minute * 60_000 + w2.second * 1000);
    }
  }
  return guess;
}

export interface MonthPeriod {
  /** First moment of the month in the zone (included). */
  start: number;
  /** First moment of the next month (excluded). */
  end: number;
  year: number;
  month: number;
}

/** The calendar month of the zone that `at` falls in. */
export function monthOf(at: number, timeZone: string): MonthPeriod {
  const { year, month } = wallClock(at, timeZone);
  return monthPeriod(year, month, timeZone);
}

/** The calendar month `year`-`month` of the zone (`month` may run past 12 or below 1). */
export function monthPeriod(year: number, month: number, timeZone: string): MonthPeriod {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return { start: startOfDay(y, m, 1, timeZone), end: startOfDay(y, m + 1, 1, timeZone), year: y, month: m };
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Days since 1970-01-01 of a wall-clock date: for counting calendar days between two of them. */
function dayNumber(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day) / 86_400_000;
}

/**
 * The countdown a reader sees, read as a sentence (shown in capitals by the page's style):
 * "12 days left until the end of September", "Last day", "5 hours left", "1 minute left". Days
 * are calendar days in the site's zone, today included, so on the month's last day it says
 * "Last day" however many hours remain, until the last 12 hours count down by the hour.
 * `monthly` names the month; a fixed campaign names its last day.
 */
export function countdown(now: number, end: number, timeZone: string, monthly: boolean): string {
  const left = end - now;
  if (left <= 0) return 'Ended';
  const minutes = Math.floor(left / 60_000);
  const hours = Math.floor(left / 3_600_000);
  if (minutes < 1) return 'Less than a minute left';
  if (hours < 1) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`;
  const today = wallClock(now, timeZone);
  const lastDay = wallClock(end - 1, timeZone);
  const days = dayNumber(lastDay) - dayNumber(today) + 1;
  if (left <= 12 * 3_600_000 || (days > 1 && hours < 24)) return `${hours} ${hours === 1 ? 'hour' : 'hours'} left`;
  if (days <= 1) return 'Last day';
  return `${days} days left until ${monthly ? `the end of ${MONTH_NAMES[lastDay.month - 1]}` : `${lastDay.day} ${MONTH_NAMES[lastDay.month - 1]}`}`;
}
