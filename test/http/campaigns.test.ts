import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { staffActor } from '../../src/services/actor.js';
import { signedIn } from '../support/staff-browser.js';

const PASSWORD = 'correct horse battery staple';

const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };
let server: TestServer;
const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = staff) => new Guest(server.baseUrl).request(method, path, body, headers);
/** Moves the server's clock to a moment. */
const setClock = (isoText: string) => server.clock.advance(Date.parse(isoText) - server.clock.now());

describe('a monthly campaign in a site whose months begin in Berlin', () => {
  beforeAll(async () => {
    server = await startServer({ TRIBUNE_TIME_ZONE: 'Europe/Berlin' });
  });
  afterAll(() => server?.close());

  it('has no current campaign until staff start one', async () => {
    const none = await api('GET', '/api/v1/campaigns/current', undefined, {});
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('no_campaign');
  });

  it('counts gifts, refunds and manual entries of the month, resets on the 1st at local midnight and keeps past months', async () => {
    // 23:50 on 31 March 2027 in Berlin (summer time since the 28th): the month's last minutes. (The
    // test's clock runs on from there; minutes leave room for a slow machine.)
    setClock('2027-03-31T21:50:00Z');
    const made = await api('POST', '/api/v1/campaigns', { title: 'Keep the Gazette independent', goal: 500_000, currency: 'usd', period: 'monthly' });
    expect(made.status).toBe(201);
    const id = made.json.campaign.id;
    expect(made.json.campaign).toMatchObject({ goal: 500_000, currency: 'USD', raised: 0, donors: 0, period: 'monthly' });
    // March began at midnight in winter time (UTC+1) and ends at midnight in summer time (UTC+2).
    expect(made.json.campaign.periodStart).toBe('2027-02-28T23:00:00.000Z');
    expect(made.json.campaign.periodEnd).toBe('2027-03-31T22:00:00.000Z');

    const gift = async (amount: number, receivedAt: string, email?: string) => {
      const answer = await api('POST', `/api/v1/campaigns/${id}/entries`, { amount, note: 'Bank transfer', receivedAt, ...(email ? { donorEmail: email } : {}), articleSlug: 'harbour-bridge' });
      expect(answer.status).toBe(201);
      return answer.json.entry;
    };
    const first = await gift(100_000, '2027-03-02T10:00:00+01:00', 'ana@example.org');
    await gift(25_000, '2027-03-31T23:59:59+02:00', 'ANA@example.org');
    await gift(15_000, '2027-03-15T09:00:00+01:00');
    // Midnight on 1 April in Berlin: April's, not March's.
    await gift(7_000, '2027-04-01T00:00:00+02:00', 'ben@example.org');
    // A gift from before March counts in no period shown here.
    await gift(9_000, '2027-02-28T23:59:59+01:00', 'old@example.org');

    const march = (await api('GET', '/api/v1/campaigns/current', undefined, {})).json.campaign;
    // Ana gave twice: one supporter.
    expect(march).toMatchObject({ raised: 140_000, donors: 2 });
    expect(march.countdown).toMatch(/^\d+ minutes left$/);
    expect(first).toMatchObject({ kind: 'manual', amount: 100_000, currency: 'USD', note: 'Bank transfer', recordedBy: 'Staff', articleSlug: 'harbour-bridge' });

    // A refund is a new, negative entry dated when it is made: it counts in March, the gift stays as it was.
    const refund = await api('POST', `/api/v1/ledger/${first.id}/refunds`, { amount: 30_000, note: 'Gave twice by mistake' });
    expect(refund.status).toBe(201);
    expect(refund.json.entry).toMatchObject({ kind: 'refund', amount: -30_000, refundOf: first.id });
    expect((await api('GET', '/api/v1/campaigns/current', undefined, {})).json.campaign.raised).toBe(110_000);
    const tooMuch = await api('POST', `/api/v1/ledger/${first.id}/refunds`, { amount: 70_001 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error.field).toBe('amount');

    // At midnight it is April in Berlin: the meter starts again from what April has.
    setClock('2027-03-31T22:00:00Z');
    const april = (await api('GET', '/api/v1/campaigns/current', undefined, {})).json.campaign;
    expect(april).toMatchObject({ raised: 7_000, donors: 1, periodStart: '2027-03-31T22:00:00.000Z', periodEnd: '2027-04-30T22:00:00.000Z' });
    expect(april.countdown).toBe('30 days left until the end of April');

    const periods = (await api('GET', `/api/v1/campaigns/${id}/periods`, undefined, {})).json.periods;
    expect(periods).toEqual([
      expect.objectContaining({ label: '2027-04', raised: 7_000, donors: 1 }),
      expect.objectContaining({ label: '2027-03', raised: 110_000, donors: 2 }),
    ]);

    // The ledger, for staff, by period: every entry as recorded, the refund beside the gift.
    const ledger = await api('GET', '/api/v1/ledger?from=2027-03-01&to=2027-03-31');
    expect(ledger.status).toBe(200);
    expect(ledger.json.entries.map((e: { amount: number }) => e.amount)).toEqual([25_000, -30_000, 15_000, 100_000]);
  });

  it('shows editors the ledger by period, with a CSV of the same, and not moderators', async () => {
    const services = server.tribune.services;
    await services.staff.createStaff({ email: 'editor@example.org', name: 'Eddie Editor', role: 'editor', password: PASSWORD });
    await services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
    const editor = await signedIn(server.baseUrl, 'editor@example.org', PASSWORD);
    // This month (April in Berlin) by default: the gift of midnight on 1 April.
    expect((await editor.open('/staff')).text).toContain('href="/staff/ledger"');
    const april = await editor.open('/staff/ledger');
    expect(april.text).toContain('value="2027-04-01"');
    expect(april.text).toContain('value="2027-04-30"');
    expect(april.text).toContain('1 entry, net $70');
    // Staff record a gift by hand from the page, in dollars as written on the cheque.
    const badAmount = await editor.send('POST', '/staff/ledger/entries', { form: { csrf: april.csrf, amount: '12.505', receivedOn: '2027-04-01', note: 'Cheque' } });
    expect(badAmount.status).toBe(400);
    expect(badAmount.text).toContain('Write the amount in USD as 25 or 25.50.');
    const recorded = await editor.submit('/staff/ledger/entries', { csrf: april.csrf, amount: '12.50', receivedOn: '2027-04-01', note: 'Cash at the office', donorName: 'Vera' });
    expect(recorded.location).toBe('/staff/ledger?from=2027-04-01&to=2027-04-01');
    expect(recorded.text).toContain('2 entries, net $82.50');
    expect(recorded.text).toContain('Cash at the office');
    expect((await api('GET', '/api/v1/campaigns/current', undefined, {})).json.campaign).toMatchObject({ raised: 8_250, donors: 2 });
    const march = await editor.open('/staff/ledger?from=2027-03-01&to=2027-03-31');
    expect(march.text).toContain('4 entries, net $1,100');
    expect(march.text).toContain('refund of #');
    expect(march.text).toContain('-$300');
    const csv = await editor.send('GET', '/staff/ledger.csv?from=2027-03-01&to=2027-03-31');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('ledger-2027-03-01-to-2027-03-31.csv');
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('id,received_at,kind,amount,currency,donor_name,donor_email,message,on_donor_wall,article,note,recorded_by,refund_of,campaign_id');
    expect(rows.slice(1).map((r) => r.split(',').slice(2, 5).join(' '))).toEqual(['manual 250.00 USD', 'refund -300.00 USD', 'manual 150.00 USD', 'manual 1000.00 USD']);
    const moderator = await signedIn(server.baseUrl, 'mod@example.org', PASSWORD);
    expect((await moderator.send('GET', '/staff/ledger')).status).toBe(403);
    expect((await moderator.send('GET', '/staff/ledger.csv')).status).toBe(403);
    expect((await new Guest(server.baseUrl).request('GET', '/staff/ledger')).status).toBe(303);
  });

  it('lets admins and editors run campaigns, not moderators or readers', async () => {
    const body = { title: 'T', goal: 100, currency: 'EUR', period: 'monthly', active: false };
    expect((await api('POST', '/api/v1/campaigns', body, {})).status).toBe(401);
    const services = server.tribune.services;
    const moderator = staffActor({ id: 1, name: 'Rosa', role: 'moderator' });
    await expect(services.campaigns.create(moderator, body as never)).rejects.toMatchObject({ kind: 'forbidden' });
    const editor = staffActor({ id: 2, name: 'Eddie Editor', role: 'editor' });
    const made = await services.campaigns.create(editor, body as never);
    const entry = await services.campaigns.recordManual(editor, made.id, { amount: 500, note: 'Cash at the office' });
    expect(entry.recordedBy).toBe('Eddie Editor');
  });

  it('keeps each site’s campaign apart, in the site’s own time zone', async () => {
    const bad = await api('POST', '/api/v1/admin/sites', { id: 'mars', name: 'Mars Gazette', hosts: ['mars.test'], settings: { timeZone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('settings.timeZone');
    const made = await api('POST', '/api/v1/admin/sites', { id: 'east', name: 'East Gazette', hosts: ['east.test'], settings: { timeZone: 'America/New_York' } });
    expect(made.status).toBe(201);
    const east = { ...staff, 'x-forwarded-host': 'east.test' };
    expect((await api('GET', '/api/v1/campaigns/current', undefined, { 'x-forwarded-host': 'east.test' })).status).toBe(404);
    setClock('2027-03-31T21:59:59Z');
    const campaign = await api('POST', '/api/v1/campaigns', { title: 'East', goal: 100_000, currency: 'USD', period: 'monthly' }, east);
    expect(campaign.status).toBe(201);
    expect(campaign.json.campaign).toMatchObject({ periodStart: '2027-03-01T05:00:00.000Z', periodEnd: '2027-04-01T04:00:00.000Z', timeZone: 'America/New_York' });
    // The default site's campaign is still its own.
    expect((await api('GET', '/api/v1/campaigns/current', undefined, {})).json.campaign.title).toBe('Keep the Gazette independent');
    expect((await api('POST', `/api/v1/campaigns/${campaign.json.campaign.id}/entries`, { amount: 5, note: 'x' })).status).toBe(404);
  });

  it('names the field at fault', async () => {
    const base = { title: 'Autumn drive', goal: 500_000, currency: 'USD', period: 'monthly' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, goal: 12.5 }, 'goal'],
      [{ ...base, goal: 0 }, 'goal'],
      [{ ...base, currency: 'DOLLARS' }, 'currency'],
      [{ ...base, currency: 'XYZ' }, 'currency'],
      [{ ...base, title: '  ' }, 'title'],
      [{ ...base, period: 'weekly' }, 'period'],
      [{ ...base, period: 'fixed', startsAt: '2027-09-01' }, 'endsAt'],
      [{ ...base, period: 'fixed', startsAt: '2027-09-01', endsAt: '2027-08-01' }, 'endsAt'],
      [{ ...base, period: 'fixed', startsAt: 'next monday', endsAt: '2027-08-01' }, 'startsAt'],
      [{ ...base, atGoal: 'stretch' }, 'stretchGoal'],
      [{ ...base, atGoal: 'stretch', stretchGoal: 400_000 }, 'stretchGoal'],
    ];
    for (const [body, field] of cases) {
      const answer = await api('POST', '/api/v1/campaigns', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.field, JSON.stringify(body)).toBe(field);
    }
    const { id } = (await api('POST', '/api/v1/campaigns', { ...base, active: false })).json.campaign;
    for (const [body, field] of [
      [{ amount: 500 }, 'note'],
      [{ amount: 0, note: 'x' }, 'amount'],
      [{ amount: 10.5, note: 'x' }, 'amount'],
      [{ amount: 500, note: 'x', donorEmail: 'not an address' }, 'donorEmail'],
      [{ amount: 500, note: 'x', receivedAt: 'yesterday' }, 'receivedAt'],
    ] as [Record<string, unknown>, string][]) {
      const answer = await api('POST', `/api/v1/campaigns/${id}/entries`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await api('POST', '/api/v1/campaigns/999999/entries', { amount: 5, note: 'x' })).status).toBe(404);
    expect((await api('GET', '/api/v1/ledger?from=2027-03-10&to=2027-03-01')).json.error.field).toBe('to');
  });
});

describe('a fixed campaign and the meter on article pages', () => {
  beforeAll(async () => {
    server = await startServer({ TRIBUNE_WAYS_TO_GIVE: 'Bank transfer: IBAN DE00 1234 5678, reference GAZETTE\\n\\nOr by card at https://example.org/give.' });
    await createArticle(server, { slug: 'harbour-bridge' });
  });
  afterAll(() => server?.close());

  it('counts only within its dates, and the article page shows it above and below, fresh after each gift', async () => {
    setClock('2027-05-10T12:00:00Z');
    const made = await api('POST', '/api/v1/campaigns', { title: 'New press', goal: 1_000_000, currency: 'EUR', period: 'fixed', startsAt: '2027-05-01', endsAt: '2027-05-31', atGoal: 'stretch', stretchGoal: 1_500_000 });
    expect(made.status).toBe(201);
    expect(made.json.campaign).toMatchObject({ periodStart: '2027-05-01T00:00:00.000Z', periodEnd: '2027-06-01T00:00:00.000Z', countdown: '22 days left until 31 May' });
    const id = made.json.campaign.id;
    const page = async () => (await fetch(`${server.baseUrl}/articles/harbour-bridge`)).text();

    const before = await page();
    expect(before.match(/role="progressbar"/g)).toHaveLength(2);
    expect(before).toContain('Support The Harbour Gazette');
    expect(before).toContain('<strong>€0</strong> raised from 0 supporters');
    expect(before).toContain('aria-valuenow="0.00" aria-valuetext="€0 of €10,000"');

    // The page is cached; a gift drops it, so the next reader sees the new total.
    await api('POST', `/api/v1/campaigns/${id}/entries`, { amount: 250_050, note: 'Cheque', donorName: 'Harbour Rotary' });
    const after = await page();
    expect(after).toContain('<strong>€2,500.50</strong> raised from 1 supporter');
    expect(after).toContain('aria-valuenow="2500.50"');
    expect(after).toContain('style="width: 25.0%"');

    // Past the goal with a stretch goal: the scale moves to the stretch goal.
    await api('POST', `/api/v1/campaigns/${id}/entries`, { amount: 800_000, note: 'Foundation grant', donorEmail: 'grants@example.org' });
    const stretched = await page();
    expect(stretched).toContain('the goal of €10,000 is reached, on to €15,000');
    expect(stretched).toContain('<span>€0</span><span>€7,500</span><span>€15,000</span>');

    // Keep going instead: the bar stays full and says the goal is reached.
    await api('PATCH', `/api/v1/campaigns/${id}`, { atGoal: 'keep-going' });
    const full = await page();
    expect(full).toContain('Goal reached: <strong>€10,500.50</strong> raised from 2 supporters');
    expect(full).toContain('style="width: 100.0%"');

    // The meter's Donate link leads to the donate page, naming the article the reader came from.
    expect(full).toContain('<a href="/donate?from=harbour-bridge">Donate</a>');
    const donate = await (await fetch(`${server.baseUrl}/donate?from=harbour-bridge`)).text();
    expect(donate).toContain('role="progressbar"');
    expect(donate).toContain('One-off gifts received in the period');
    expect(donate).toContain('<p>Bank transfer: IBAN DE00 1234 5678, reference GAZETTE</p>');
    expect(donate).toContain('<a href="https://example.org/give" rel="noopener">https://example.org/give</a>.');

    // After its end date the campaign is over: no meter, no current campaign.
    setClock('2027-06-01T00:00:00Z');
    await api('PATCH', `/api/v1/campaigns/${id}`, { title: 'New press fund' });
    expect((await api('GET', '/api/v1/campaigns/current', undefined, {})).status).toBe(404);
    expect(await page()).not.toContain('progressbar');
    const ended = await (await fetch(`${server.baseUrl}/donate`)).text();
    expect(ended).toContain('runs no campaign at the moment');
    expect(ended).toContain('IBAN DE00 1234 5678');
  });
});
