import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { loadConfig } from '../../src/config.js';
import type { ProviderFailureReport } from '../../src/moderation/context.js';
import { akismet } from '../../src/moderation/phases/akismet.js';
import { perspective } from '../../src/moderation/phases/perspective.js';
import { providerFailures, resetProviderFailures } from '../../src/moderation/phases/provider.js';
import { webhook } from '../../src/moderation/phases/webhook.js';
import { PHASES, createModerationPipeline } from '../../src/moderation/pipeline.js';
import { defaultModerationSettings, type ModerationSettings } from '../../src/moderation/settings.js';
import { input } from './support.js';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let base: string;
let requests: Recorded[] = [];
let answer: Answer = (_req, res) => res.end('false');

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      answer(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
  resetProviderFailures();
});

const body = 'The council should publish the harbour survey before the vote.';
const author = { name: 'Maren Olsen', email: 'maren@example.org', website: 'https://maren.example', ipHash: 'hash-of-ip', readerId: null };

/** A pipeline with only the providers (and the given settings), pointed at the local server. */
function pipeline(settings: Partial<ModerationSettings>, failures: ProviderFailureReport[] = []) {
  const counters = new InProcessRateLimitStore(() => Date.now());
  return createModerationPipeline({ ...defaultModerationSettings, ...settings }, { counters, onProviderFailure: (f) => failures.push(f) }, [akismet, perspective, webhook]);
}

const akismetOn = (): Partial<ModerationSettings> => ({ akismetKey: 'k123', akismetSite: 'https://news.example', akismetUrl: base });
const perspectiveOn = (): Partial<ModerationSettings> => ({ perspectiveKey: 'pk', perspectiveUrl: base });
const webhookOn = (secret: string | null = null): Partial<ModerationSettings> => ({ webhookUrl: `${base}/classify`, webhookSecret: secret });

describe('outside providers: off by default', () => {
  it('calls nothing when unconfigured, and the default pipeline lists them after reputation, before the soft holds', async () => {
    const calls: string[] = [];
    const counters = new InProcessRateLimitStore(() => Date.now());
    const p = createModerationPipeline(defaultModerationSettings, { counters, http: async (url) => (calls.push(url), new Response('true')) });
    expect(await p.check(input(body, { author }))).toEqual({ decision: 'publish', reasons: [] });
    expect(calls).toEqual([]);
    expect(requests).toEqual([]);
    const names = PHASES.map((x) => x.name);
    expect(names.indexOf('akismet')).toBe(names.indexOf('reputation') + 1);
    expect(names.slice(names.indexOf('akismet'), names.indexOf('spam-patterns'))).toEqual(['akismet', 'perspective', 'webhook']);
    expect(loadConfig({}).moderation).toMatchObject({ akismetKey: null, perspectiveKey: null, webhookUrl: null, providerTimeoutMs: 2000, perspectiveThreshold: 0.9 });
    await counters.close();
  });

  it('reads the settings and names bad values', () => {
    const s = loadConfig({
      TRIBUNE_AKISMET_KEY: 'k', TRIBUNE_AKISMET_SITE: 'https://news.example', TRIBUNE_PERSPECTIVE_KEY: 'p', TRIBUNE_PERSPECTIVE_THRESHOLD: '0.8',
      TRIBUNE_MODERATION_WEBHOOK_URL: 'https://classify.example/hook', TRIBUNE_MODERATION_WEBHOOK_SECRET: 's', TRIBUNE_PROVIDER_TIMEOUT_MS: '500',
    }).moderation;
    expect(s).toMatchObject({ akismetKey: 'k', akismetSite: 'https://news.example', perspectiveKey: 'p', perspectiveThreshold: 0.8, webhookUrl: 'https://classify.example/hook', webhookSecret: 's', providerTimeoutMs: 500 });
    expect(() => loadConfig({ TRIBUNE_AKISMET_KEY: 'k' })).toThrow(/TRIBUNE_AKISMET_SITE/);
    expect(() => loadConfig({ TRIBUNE_MODERATION_WEBHOOK_URL: 'ftp://x' })).toThrow(/TRIBUNE_MODERATION_WEBHOOK_URL/);
    expect(() => loadConfig({ TRIBUNE_PERSPECTIVE_THRESHOLD: '2' })).toThrow(/TRIBUNE_PERSPECTIVE_THRESHOLD/);
  });
});

describe('akismet', () => {
  it('posts the documented form (no IP: only its hash is known) and reads true, discard and false', async () => {
    answer = (_req, res) => res.end('true');
    expect(await pipeline(akismetOn()).check(input(body, { author }))).toEqual({ decision: 'spam', reasons: [{ phase: 'akismet', code: 'akismet_spam', message: 'Akismet marks it as spam.', matched: [] }] });
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/1.1/comment-check');
    expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = Object.fromEntries(new URLSearchParams(req.body));
    expect(form).toMatchObject({ api_key: 'k123', blog: 'https://news.example', comment_type: 'comment', comment_author: 'Maren Olsen', comment_author_email: 'maren@example.org', comment_author_url: 'https://maren.example', comment_content: body });
    expect(form).not.toHaveProperty('user_ip');
    expect(req.body).not.toContain('hash-of-ip');

    answer = (_req, res) => res.setHeader('X-akismet-pro-tip', 'discard').end('true');
    expect((await pipeline(akismetOn()).check(input(body, { author }))).reasons[0]).toMatchObject({ code: 'akismet_discard' });

    answer = (_req, res) => res.end('false');
    expect(await pipeline(akismetOn()).check(input(body, { author, isEdit: true }))).toEqual({ decision: 'publish', reasons: [] });
    expect(new URLSearchParams(requests[2]!.body).get('recheck_reason')).toBe('edit');
    expect(providerFailures()).toEqual({});
  });

  it('treats `invalid` and error statuses as failures: publish, counted and reported', async () => {
    const failures: ProviderFailureReport[] = [];
    answer = (_req, res) => res.setHeader('X-akismet-debug-help', 'Empty "blog" value').end('invalid');
    expect((await pipeline(akismetOn(), failures).check(input(body))).decision).toBe('publish');
    answer = (_req, res) => res.writeHead(503).end('busy');
    expect((await pipeline(akismetOn(), failures).check(input(body))).decision).toBe('publish');
    expect(providerFailures()).toEqual({ 'akismet.malformed': 1, 'akismet.status': 1 });
    expect(failures[0]).toMatchObject({ provider: 'akismet', cause: 'malformed', detail: expect.stringContaining('Empty "blog" value') });
  });

  it('does not read display names', async () => {
    expect(await pipeline(akismetOn()).check(input('Maren', { kind: 'name' }))).toEqual({ decision: 'publish', reasons: [] });
    expect(requests).toEqual([]);
  });
});

describe('perspective', () => {
  const scores = (values: Record<string, number>) => JSON.stringify({ attributeScores: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { summaryScore: { value: v, type: 'PROBABILITY' } }])), languages: ['en'] });

  it('posts the documented JSON and holds at or above the threshold, naming the attribute and score', async () => {
    answer = (_req, res) => res.setHeader('content-type', 'application/json').end(scores({ TOXICITY: 0.93, SEVERE_TOXICITY: 0.4, THREAT: 0.95, IDENTITY_ATTACK: 0.1 }));
    const verdict = await pipeline(perspectiveOn()).check(input(body));
    expect(verdict.decision).toBe('hold');
    expect(verdict.reasons[0]).toMatchObject({ phase: 'perspective', code: 'perspective_score', message: 'Perspective scores it THREAT 0.95, TOXICITY 0.93 (threshold 0.9).' });
    const req = requests[0]!;
    expect(req.path).toBe('/v1alpha1/comments:analyze?key=pk');
    expect(JSON.parse(req.body)).toEqual({ comment: { text: body }, languages: ['en'], requestedAttributes: { TOXICITY: {}, SEVERE_TOXICITY: {}, THREAT: {}, IDENTITY_ATTACK: {} }, doNotStore: true });

    answer = (_req, res) => res.end(scores({ TOXICITY: 0.9, SEVERE_TOXICITY: 0.1, THREAT: 0.1, IDENTITY_ATTACK: 0.1 }));
    expect((await pipeline(perspectiveOn()).check(input(body))).reasons[0]?.message).toContain('TOXICITY 0.90');
    answer = (_req, res) => res.end(scores({ TOXICITY: 0.89, SEVERE_TOXICITY: 0.1, THREAT: 0.1, IDENTITY_ATTACK: 0.1 }));
    expect((await pipeline(perspectiveOn()).check(input(body))).decision).toBe('publish');
    expect((await pipeline({ ...perspectiveOn(), perspectiveThreshold: 0.5 }).check(input(body))).decision).toBe('hold');
  });

  it('publishes on a malformed answer', async () => {
    answer = (_req, res) => res.end('{"attributeScores": {"TOXICITY": {"summaryScore": {}}}}');
    expect((await pipeline(perspectiveOn()).check(input(body))).decision).toBe('publish');
    answer = (_req, res) => res.end('<html>not json');
    expect((await pipeline(perspectiveOn()).check(input(body))).decision).toBe('publish');
    expect(providerFailures()).toEqual({ 'perspective.malformed': 2 });
  });
});

describe('webhook', () => {
  it('posts the documented JSON signed with HMAC-SHA256 and applies the decision and reason', async () => {
    answer = (_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ decision: 'hold', reason: 'Mentions a pending court case.' }));
    const verdict = await pipeline(webhookOn('s3cret')).check(input(body, { author, thread: { key: 'harbour-bridge', closed: false }, isEdit: true }));
    expect(verdict).toEqual({ decision: 'hold', reasons: [{ phase: 'webhook', code: 'webhook_hold', message: 'Mentions a pending court case.', matched: [] }] });
    const req = requests[0]!;
    expect(req.path).toBe('/classify');
    expect(JSON.parse(req.body)).toEqual({ kind: 'comment', text: body, author: { name: 'Maren Olsen', email: 'maren@example.org', website: 'https://maren.example' }, thread: { key: 'harbour-bridge' }, isEdit: true });
    const expected = createHmac('sha256', 's3cret').update(req.body).digest('hex');
    expect(req.headers['x-tribune-signature']).toBe(`sha256=${expected}`);

    answer = (_req, res) => res.end(JSON.stringify({ decision: 'reject' }));
    expect((await pipeline(webhookOn()).check(input(body))).reasons[0]).toMatchObject({ code: 'webhook_reject', message: 'The site\'s classifier refuses it.' });
    expect(requests[1]!.headers['x-tribune-signature']).toBeUndefined();
    expect(JSON.parse(requests[1]!.body).author).toEqual({ name: 'Reader', email: 'reader@example.org' });

    answer = (_req, res) => res.end(JSON.stringify({ decision: 'spam' }));
    expect((await pipeline(webhookOn()).check(input('Cheap Pills', { kind: 'name' }))).decision).toBe('spam');
    expect(JSON.parse(requests[2]!.body).kind).toBe('name');
  });

  it('is asked about a display name every time it is used, though the pipeline remembers names when no webhook is set', async () => {
    answer = (_req, res) => res.end(JSON.stringify({ decision: 'spam' }));
    const p = pipeline(webhookOn());
    expect((await p.check(input('Maren', { kind: 'name', author }))).decision).toBe('spam');
    answer = (_req, res) => res.end(JSON.stringify({ decision: null }));
    expect((await p.check(input('Maren', { kind: 'name', author }))).decision).toBe('publish');
    expect(requests).toHaveLength(2);
  });

  it('decides nothing on publish, null, or a malformed answer', async () => {
    for (const reply of ['{"decision": "publish"}', '{"decision": null}', '{"decision": "delete"}', '{}', 'ok']) {
      answer = (_req, res) => res.end(reply);
      expect(await pipeline(webhookOn()).check(input(body))).toEqual({ decision: 'publish', reasons: [] });
    }
    expect(providerFailures()).toEqual({ 'webhook.malformed': 3 });
  });
});

describe('timeouts', () => {
  it('publishes within the timeout when a provider never answers', async () => {
    answer = () => undefined; // Never answers.
    const failures: ProviderFailureReport[] = [];
    const started = Date.now();
    const verdict = await pipeline({ ...webhookOn(), ...akismetOn(), providerTimeoutMs: 150 }, failures).check(input(body));
    const took = Date.now() - started;
    expect(verdict).toEqual({ decision: 'publish', reasons: [] });
    expect(took).toBeLessThan(2 * 150 + 500);
    expect(requests).toHaveLength(2);
    expect(providerFailures()).toEqual({ 'akismet.timeout': 1, 'webhook.timeout': 1 });
    expect(failures.map((f) => f.cause)).toEqual(['timeout', 'timeout']);
    server.closeAllConnections();
  });

  it('counts a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await pipeline({ webhookUrl: `http://127.0.0.1:${port}/` }).check(input(body))).decision).toBe('publish');
    expect(providerFailures()).toEqual({ 'webhook.network': 1 });
  });
});
