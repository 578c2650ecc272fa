import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/moderation/model/categories.js';
import { loadSiteDecisions } from '../../src/moderation/eval/site-decisions.js';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, type StaffBrowser } from '../support/staff-browser.js';

let server: TestServer;
let moderator: StaffBrowser;
const PASSWORD = 'moderator password 3';
// An attack the rules let through (they hold "Jews control the banks"), so the model's reason is the one shown.
const ATTACK = 'Typical Jews with their money and their media';

beforeAll(async () => {
  // A lower bar than the validated one, so this sentence is held by the model and not by chance.
  server = await startServer({ TRIBUNE_MODEL_IDENTITY_ATTACK_HOLD: '0.5', TRIBUNE_PREMODERATION: 'links' });
  await server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
  expect((await createArticle(server, { slug: 'banks', title: 'Branches close' })).status).toBe(201);
  moderator = await signedIn(server.baseUrl, 'mod@example.org', PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

const post = async (body: string) => {
  const res = await new Guest(server.baseUrl).post('banks', { body, name: 'Reader' });
  expect(res.status).toBe(202);
  return res.json.comment.id as number;
};

describe('the learned model in the moderation queue', () => {
  it('shows the category, the score and the words that weighed most, marked in the comment', async () => {
    const id = await post(ATTACK);
    const page = await moderator.open('/staff/moderation?tab=pending');
    const card = page.text.slice(page.text.indexOf(`id="card-${id}"`));
    expect(card).toMatch(/<span class="mq-phase">classifier<\/span> <span class="mq-score"[^>]*><span class="mq-score__label">identity attack<\/span> <meter min="0" max="1" value="0\.\d\d">/);
    expect(card).toMatch(/attack on a group or identity \(score 0\.\d\d\)/);
    expect(card).toMatch(/<div class="mq-body">[^]*<mark>[^<]+<\/mark>/);
  });

  it('keeps moderators\' decisions on held comments as labelled examples for the next training', async () => {
    const rejected = await post('The media is run by Jews and so are the banks');
    const approved = await post('The minutes are at https://example.org/minutes if anyone wants them.');
    const csrf = (await moderator.open('/staff/moderation?tab=pending')).csrf;
    for (const [action, id] of [['reject', rejected], ['approve', approved]] as const) {
      expect((await moderator.send('POST', '/staff/moderation/actions', { form: { csrf, tab: 'pending', do: `${action}:${id}` } })).status).toBe(303);
    }
    const examples = await loadSiteDecisions({ ...server.database.env });
    const byText = new Map(examples.map((e) => [e.text, e]));
    const attack = byText.get('The media is run by Jews and so are the banks');
    expect(attack).toMatchObject({ set: 'site', ordinary: false });
    expect(attack!.labels[CATEGORIES.indexOf('identity_attack')]).toBe(1);
    const ordinary = byText.get('The minutes are at https://example.org/minutes if anyone wants them.');
    expect(ordinary).toMatchObject({ set: 'site', ordinary: true });
    expect([...ordinary!.labels]).toEqual(CATEGORIES.map(() => 0));
    expect(byText.has(ATTACK)).toBe(false); // still pending: no decision yet
  });
});
