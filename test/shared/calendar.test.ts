import { describe, expect, it } from 'vitest';
import { countdown, monthOf, startOfDay, wallClock } from '../../src/shared/calendar.js';

const at = (isoText: string) => Date.parse(isoText);
const iso = (ms: number) => new Date(ms).toISOString();

describe('a monthly period in the site’s time zone', () => {
  it('runs from midnight on the 1st to midnight on the next 1st, local time', () => {
    const september = monthOf(at('2026-09-18T12:00:00Z'), 'Europe/Berlin');
    expect(iso(september.start)).toBe('2026-08-31T22:00:00.000Z');
    expect(iso(september.end)).toBe('2026-09-30T22:00:00.000Z');
    expect([september.year, september.month]).toEqual([2026, 9]);
  });

  it('puts the last second of a month in that month and the next second in the next, west of UTC too', () => {
    // 23:59:59 on 30 September in New York is already 1 October in UTC.
    expect(monthOf(at('2026-10-01T03:59:59Z'), 'America/New_York').month).toBe(9);
    expect(monthOf(at('2026-10-01T04:00:00Z'), 'America/New_York').month).toBe(10);
    expect(monthOf(at('2026-09-30T21:59:59Z'), 'Europe/Berlin').month).toBe(9);
    expect(monthOf(at('2026-09-30T22:00:00Z'), 'Europe/Berlin').month).toBe(10);
  });

  it('is an hour shorter or longer across a daylight-saving change', () => {
    const march = monthOf(at('2026-03-15T12:00:00Z'), 'Europe/Berlin');
    // March starts in winter time (UTC+1) and ends in summer time (UTC+2).
    expect(iso(march.start)).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(march.end)).toBe('2026-03-31T22:00:00.000Z');
    expect(march.end - march.start).toBe(31 * 86_400_000 - 3_600_000);
    const october = monthOf(at('2026-10-15T12:00:00Z'), 'Europe/Berlin');
    expect(october.end - october.start).toBe(31 * 86_400_000 + 3_600_000);
  });

  it('finds the start of a day whose midnight a clock change skips', () => {
    // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September 2026 (6 September).
    const start = startOfDay(2026, 9, 6, 'America/Santiago');
    expect(wallClock(start, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
    expect(wallClock(start - 1000, 'America/Santiago')).toMatchObject({ day: 5, hour: 23, minute: 59 });
  });
});

describe('the countdown reads naturally at every distance', () => {
  const end = at('2026-09-30T22:00:00Z'); // the end of September in Berlin
  const say = (nowIso: string, monthly = true) => countdown(at(nowIso), end, 'Europe/Berlin', monthly);

  it.each([
    ['2026-09-01T00:00:00+02:00', '30 days left until the end of September'],
    ['2026-09-18T12:00:00+02:00', '13 days left until the end of September'],
    ['2026-09-19T00:00:00+02:00', '12 days left until the end of September'],
    ['2026-09-28T23:59:59+02:00', '3 days left until the end of September'],
    ['2026-09-29T00:00:00+02:00', '2 days left until the end of September'],
    ['2026-09-29T11:00:00+02:00', '2 days left until the end of September'],
    ['2026-09-29T23:59:59+02:00', '2 days left until the end of September'],
    ['2026-09-30T00:00:00+02:00', 'Last day'],
    ['2026-09-30T11:59:59+02:00', 'Last day'],
    ['2026-09-30T12:00:00+02:00', '12 hours left'],
    ['2026-09-30T19:00:00+02:00', '5 hours left'],
    ['2026-09-30T19:30:00+02:00', '4 hours left'],
    ['2026-09-30T22:59:59+02:00', '1 hour left'],
    ['2026-09-30T23:00:00+02:00', '1 hour left'],
    ['2026-09-30T23:00:01+02:00', '59 minutes left'],
    ['2026-09-30T23:59:00+02:00', '1 minute left'],
    ['2026-09-30T23:59:01+02:00', 'Less than a minute left'],
    ['2026-09-30T23:59:59+02:00', 'Less than a minute left'],
    ['2026-10-01T00:00:00+02:00', 'Ended'],
  ])('at %s: "%s"', (now, expected) => {
    expect(say(now)).toBe(expected);
  });

  it('names the last day of a fixed campaign instead of a month', () => {
    expect(say('2026-09-10T09:00:00+02:00', false)).toBe('21 days left until 30 September');
  });

  it('counts by the hour when less than a day is left across two calendar days', () => {
    const morning = at('2026-09-11T09:00:00+02:00');
    expect(countdown(at('2026-09-10T20:00:00+02:00'), morning, 'Europe/Berlin', false)).toBe('13 hours left');
    expect(countdown(at('2026-09-10T08:00:00+02:00'), morning, 'Europe/Berlin', false)).toBe('2 days left until 11 September');
  });

  it('counts calendar days in the site’s zone, not in UTC', () => {
    const endNewYork = at('2026-10-01T04:00:00Z');
    // 21:00 on 29 September in New York is already the 30th in UTC: still two days there.
    expect(countdown(at('2026-09-30T01:00:00Z'), endNewYork, 'America/New_York', true)).toBe('2 days left until the end of September');
    expect(countdown(at('2026-09-30T04:00:00Z'), endNewYork, 'America/New_York', true)).toBe('Last day');
  });
});
