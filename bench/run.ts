/**
 * Tribune's benchmark: a 10,000-comment thread, the hot reads and the comment post, each against a
 * bare node:http server sending a body of the same size in the same run.
 *
 *   npx tsx bench/run.ts [--db sqlite|postgres] [--duration 10] [--connections 64]
 *                        [--comments 10000] [--votes 2000] [--warmup 2] [--profile DIR]
 *                        [--node-options="--max-semi-space-size=4"] [--only POST] [--no-write]
 *                        [--quick]   (CI: 200 comments, 1 s runs, nothing written; fails if a figure is missing)
 *
 * Builds first when dist/ is missing or older than the sources (scripts/build-if-stale.mjs), starts `node dist/src/main.js` as a child
 * process (so its RSS is its own), seeds through the public API, measures, prints a Markdown table
 * and writes it into BENCHMARKS.md. Every child it starts is stopped, and the PostgreSQL database it
 * creates dropped, even when a step fails.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BareManifest } from './bare-server.js';
import { measure, type LoadRequest, type LoadResult, type LoadSettings } from './measure.js';
import { RssSampler, benchTribuneEnv, cpuSeconds, createBenchDatabase, postgresCpu, postgresCpuSince, productionNodeFlags, startBare, startTribune, stopAll } from './processes.js';
import { ratioOf, resultsMarkdown, targetMet, writeBenchmarksFile, type HtmlWeight, type Row, type RunReport, type Target } from './report.js';
import { authorName, commentBody, createArticle, readerAddress, seedThread } from './seed.js';
import { seededRandom } from '../src/shared/seeded-random.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.dirname(benchDir);

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    warmup: { type: 'string', default: '2' },
    comments: { type: 'string', default: '10000' },
    votes: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    profile: { type: 'string' },
    'node-options': { type: 'string' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});

// Quick mode (CI): a small thread and one-second runs, to prove every figure can still be produced.
const quick = args.quick;
if (quick) {
  args.comments = '200';
  args.votes = '40';
  args.duration = '1';
  args.warmup = '0';
  args.connections = '16';
  args['no-write'] = true;
}

function positiveInt(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`--${name} must be a whole number from 0 to ${max} (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

if (args.db !== 'sqlite' && args.db !== 'postgres') {
  console.error('--db must be sqlite or postgres');
  process.exit(2);
}
const db: 'sqlite' | 'postgres' = args.db === 'postgres' ? 'postgres' : 'sqlite';
const load: LoadSettings = {
  duration: Math.max(1, positiveInt('duration', args.duration, 600)),
  connections: Math.max(1, positiveInt('connections', args.connections, 1024)),
  warmup: positiveInt('warmup', args.warmup, 60),
};
const commentCount = Math.max(10, positiveInt('comments', args.comments, 200_000));
const voteCount = positiveInt('votes', args.votes, 200_000);
const concurrency = Math.max(1, positiveInt('concurrency', args.concurrency, 256));

const ADMIN_TOKEN = `bench-${randomBytes(12).toString('hex')}`;
const MAIN_SLUG = 'bench-discussion-full';
const EMPTY_SLUG = 'bench-discussion-none';
const TITLE = 'Council delays the harbour bridge repair by a year';
const RSS_LIMIT_MB = 200;

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** The same check `npm start` makes: build only when dist/ is missing or older than its sources. */
function buildIfNeeded(): void {
  const result = spawnSync(process.execPath, [path.join(rootDir, 'scripts', 'build-if-stale.mjs'), '--quiet'], { cwd: rootDir, stdio: 'inherit', timeout: 300_000 });
  if (result.status !== 0) throw new Error('npm run build failed; the benchmark needs dist/src/main.js');
}

interface Fetched {
  status: number;
  contentType: string;
  body: Buffer;
}

async function fetchOnce(baseUrl: string, request: LoadRequest, body?: string): Promise<Fetched> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${bytes.toString('utf8', 0, 300)}`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? 'application/octet-stream', body: bytes };
}

interface ApiComment {
  id: number;
  html: string;
  replies: ApiComment[];
}
interface ApiPage {
  count: number;
  comments: ApiComment[];
  nextCursor: string | null;
}

function flatten(comments: ApiComment[]): ApiComment[] {
  return comments.flatMap((c) => [c, ...flatten(c.replies ?? [])]);
}

interface Plan {
  label: string;
  request: LoadRequest;
  target: Target;
  /** Post a comment every 100 ms into the thread while Tribune is measured (the bare server gets none). */
  whileWriting?: boolean;
  /** No bare baseline (a mix of routes): throughput, latency and errors only. */
  noBare?: boolean;
  /** For POST: a representative body, sent once to learn the response's size. */
  sampleBody?: string;
}

async function main(): Promise<void> {
  const dbName = db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  log(`Tribune benchmark on ${dbName}: ${commentCount} comments, ${load.connections} connections, ${load.warmup} s warm-up + ${load.duration} s per run`);
  buildIfNeeded();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-'));
  let postgres: Awaited<ReturnType<typeof createBenchDatabase>> | null = null;
  let sampler: RssSampler | null = null;
  try {
    if (db === 'postgres') {
      postgres = await createBenchDatabase();
      log(`created database ${new URL(postgres.url).pathname.slice(1)}`);
    }
    // Readers' addresses come from X-Forwarded-For (seed.ts readerAddress), so each is a different person.
    const env = benchTribuneEnv(dataDir, ADMIN_TOKEN, postgres?.url ?? null);
    // Node flags for the Tribune process, given before its script (some, like --cpu-prof, are refused in NODE_OPTIONS).
    // By default the same V8 flags as `npm start` (package.json "config.nodeFlags"), so the numbers are production's.
    const nodeArgs = (args['node-options'] ?? productionNodeFlags(rootDir)).split(/\s+/).filter(Boolean);
    if (args.profile) {
      const dir = path.resolve(args.profile);
      fs.mkdirSync(dir, { recursive: true });
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
      log(`CPU profile of the Tribune process goes to ${dir}`);
    }
    if (nodeArgs.length > 0) log(`Tribune runs as node ${nodeArgs.join(' ')} dist/src/main.js`);
    // Only the variables Tribune reads are set; a DATABASE_URL from the caller's shell must not leak into a SQLite run.
    if (!postgres) delete process.env.DATABASE_URL;
    const tribune = await startTribune(rootDir, env, nodeArgs);
    sampler = new RssSampler(tribune.pid);
    log(`Tribune pid ${tribune.pid} at ${tribune.baseUrl}, RSS ${sampler.currentMb().toFixed(0)} MB`);

    // --- Seed through the public API.
    await createArticle(tribune.baseUrl, ADMIN_TOKEN, MAIN_SLUG, TITLE);
    await createArticle(tribune.baseUrl, ADMIN_TOKEN, EMPTY_SLUG, TITLE);
    log(`seeding ${commentCount} comments and ${voteCount} votes (${concurrency} in flight)…`);
    const seeded = await seedThread({ baseUrl: tribune.baseUrl, key: MAIN_SLUG, comments: commentCount, votes: voteCount, concurrency, timeLimitMs: 15 * 60_000, adminToken: ADMIN_TOKEN });
    const seedingPeakMb = sampler.phase();
    log(`seeded ${seeded.comments} comments (${seeded.replies} replies) in ${seeded.seconds.toFixed(1)} s = ${seeded.commentsPerSecond.toFixed(0)}/s; RSS peak ${seedingPeakMb.toFixed(0)} MB`);

    const apiPath = (sort: string) => `/api/v1/threads/${MAIN_SLUG}/comments?sort=${sort}`;
    const firstPage = JSON.parse((await fetchOnce(tribune.baseUrl, { method: 'GET', path: apiPath('oldest') })).body.toString('utf8')) as ApiPage;
    if (firstPage.count !== seeded.comments) throw new Error(`the thread counts ${firstPage.count} comments, ${seeded.comments} were posted`);
    if (!firstPage.nextCursor) throw new Error('the first page has no next cursor');
    const cursor = encodeURIComponent(firstPage.nextCursor);

    // --- What to measure, in order. POST comes last: each post empties the thread's cached pages.
    const random = seededRandom(7);
    const ids = seeded.commentIds;
    const postBody = () => {
      const parentId = random() < 1 / 3 ? ids[Math.floor(random() * ids.length)] : undefined;
      return JSON.stringify({ body: commentBody(random), name: authorName(random), ...(parentId ? { parentId } : {}) });
    };
    const json = { 'content-type': 'application/json' };
    const fromSomeone = () => ({ 'content-type': 'application/json', 'x-forwarded-for': readerAddress(random) });
    const postPath = `/api/v1/threads/${MAIN_SLUG}/comments`;
    const readPaths = [apiPath('oldest'), apiPath('newest'), apiPath('votes'), `/articles/${MAIN_SLUG}`];
    // 95% reads of the first pages and the article, 4% votes by new readers, 1% new comments.
    const mixedRequest = () => {
      const roll = random();
      if (roll < 0.95) return { method: 'GET' as const, path: readPaths[Math.floor(random() * readPaths.length)]! };
      if (roll < 0.99) {
        const id = ids[Math.floor(random() * ids.length)]!;
        return { method: 'POST' as const, path: `/api/v1/comments/${id}/vote`, headers: fromSomeone(), body: JSON.stringify({ value: random() < 0.8 ? 1 : -1 }) };
      }
      return { method: 'POST' as const, path: postPath, headers: fromSomeone(), body: postBody() };
    };
    const allPlans: Plan[] = [
      ...(['oldest', 'newest', 'votes'] as const).map((sort) => ({
        label: `GET API first page, sort=${sort}`,
        request: { method: 'GET' as const, path: apiPath(sort) },
        target: { kind: 'ratio' as const, min: 0.5 },
      })),
      { label: 'GET article page', request: { method: 'GET', path: `/articles/${MAIN_SLUG}` }, target: { kind: 'ratio', min: 0.3 } },
      {
        label: 'GET API first page, sort=newest, while written to (a comment every 100 ms)',
        request: { method: 'GET', path: apiPath('newest') },
        target: { kind: 'ratio', min: 0.3 },
        whileWriting: true,
      },
      {
        label: 'GET article page, while written to (a comment every 100 ms)',
        request: { method: 'GET', path: `/articles/${MAIN_SLUG}` },
        target: { kind: 'ratio', min: 0.3 },
        whileWriting: true,
      },
      { label: 'GET API second page (uncached)', request: { method: 'GET', path: `${apiPath('oldest')}&cursor=${cursor}` }, target: { kind: 'none' } },
      { label: 'GET article second page (uncached)', request: { method: 'GET', path: `/articles/${MAIN_SLUG}?cursor=${cursor}` }, target: { kind: 'none' } },
      {
        label: 'POST comment',
        request: { method: 'POST', path: postPath, headers: json, makeRequest: () => ({ method: 'POST', path: postPath, headers: fromSomeone(), body: postBody() }) },
        target: { kind: 'rate', min: 1000, tailFactor: 4 },
        sampleBody: JSON.stringify({ body: commentBody(seededRandom(3), 500, 500), name: 'Priya' }),
      },
      {
        label: 'mixed: 95% first pages and article, 4% votes, 1% posts',
        request: { method: 'GET', path: apiPath('oldest'), makeRequest: mixedRequest },
        target: { kind: 'none' },
        noBare: true,
      },
    ];

    const plans = args.only ? allPlans.filter((p) => p.label.includes(args.only!)) : allPlans;
    if (plans.length === 0) throw new Error(`--only ${args.only} matches no measurement`);

    // --- The exact responses, for the bare server and for the HTML weight.
    const responsesDir = path.join(dataDir, 'responses');
    fs.mkdirSync(responsesDir);
    const manifest: BareManifest = {};
    const sizes = new Map<Plan, number>();
    for (const [i, plan] of plans.entries()) {
      if (plan.noBare) continue;
      const fetched = await fetchOnce(tribune.baseUrl, plan.request, plan.sampleBody);
      const file = path.join(responsesDir, `${i}.body`);
      fs.writeFileSync(file, fetched.body);
      manifest[`${plan.request.method} ${plan.request.path}`] = { file, contentType: fetched.contentType, status: fetched.status };
      sizes.set(plan, fetched.body.length);
    }
    const manifestFile = path.join(dataDir, 'bare-manifest.json');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));

    const weight = await htmlWeight(tribune.baseUrl, apiPath('oldest'));
    log(`article HTML: ${weight.withComments} B with ${weight.commentsShown} comments, ${weight.withoutComments} B without: ${weight.bytesPerComment.toFixed(0)} B per comment`);

    const bare = await startBare(benchDir, manifestFile);
    const rows: Row[] = [];
    let loadPeakMb = 0;
    try {
      for (const plan of plans) {
        let bareResult: LoadResult | null = null;
        if (!plan.noBare) {
          log(`${plan.label}: bare…`);
          bareResult = await measure(bare.baseUrl, plan.request, load);
        }
        log(`${plan.label}: Tribune…`);
        sampler.phase();
        let cpuBefore = { tribune: 0, postgres: new Map<number, number>() };
        const writer = plan.whileWriting ? startWriter(tribune.baseUrl, postPath, postBody, (load.warmup + load.duration + 5) * 1000) : null;
        let tribuneResult: LoadResult;
        try {
          tribuneResult = await measure(tribune.baseUrl, plan.request, load, () => {
            cpuBefore = { tribune: cpuSeconds(tribune.pid) ?? 0, postgres: postgres ? postgresCpu() : new Map() };
          });
        } finally {
          await writer?.stop();
        }
        if (writer) {
          const w = writer.result();
          if (w.failed > 0 || w.posted === 0) throw new Error(`${plan.label}: the writer posted ${w.posted} comments and ${w.failed} failed (${w.lastError})`);
          log(`${plan.label}: ${w.posted} comments posted meanwhile`);
        }
        const cpu = {
          tribune: ((cpuSeconds(tribune.pid) ?? 0) - cpuBefore.tribune) / load.duration,
          postgres: postgres ? postgresCpuSince(cpuBefore.postgres) / load.duration : null,
        };
        const rssPeakMb = sampler.phase();
        loadPeakMb = Math.max(loadPeakMb, rssPeakMb);
        const row: Row = { label: plan.label, method: plan.noBare ? 'MIXED' : plan.request.method, path: plan.request.path, bytes: sizes.get(plan) ?? 0, tribune: tribuneResult, bare: bareResult, target: plan.target, rssPeakMb, cpu };
        rows.push(row);
        const statuses = Object.entries(tribuneResult.statusCounts).map(([s, n]) => `${s}×${n}`).join(' ');
        log(
          `${plan.label}: Tribune ${tribuneResult.requestsPerSecond.toFixed(0)} req/s (${statuses}${tribuneResult.errors ? `, ${tribuneResult.errors} errors` : ''}), ` +
            `p50 ${tribuneResult.latencyP50} ms p99 ${tribuneResult.latencyP99} ms, ` +
            `bare ${bareResult ? bareResult.requestsPerSecond.toFixed(0) : '–'} req/s, ratio ${ratioOf(row).toFixed(2)}, met ${targetMet(row)}, RSS peak ${rssPeakMb.toFixed(0)} MB, ` +
            `CPU Tribune ${(cpu.tribune * 100).toFixed(0)}%${cpu.postgres === null ? '' : ` postgres ${(cpu.postgres * 100).toFixed(0)}%`}`,
        );
      }
    } finally {
      await bare.stop();
    }

    const threadCount = ((await fetchOnce(tribune.baseUrl, { method: 'GET', path: `${apiPath('oldest')}&limit=1` })).body.toString('utf8').match(/"count":(\d+)/) ?? [])[1];
    const highWaterMb = sampler.highWaterMb();
    const notes: string[] = [];
    const post = rows.find((r) => r.method === 'POST');
    if (post) notes.push(`The POST run added ${post.tribune.statusCounts['201'] ?? 0} comments; the thread ended with ${threadCount ?? '?'} comments.`);
    if (args.profile) notes.push(`CPU profile written to ${args.profile}.`);

    const report: RunReport = {
      db,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      command: commandLine(),
      commit: commitOf(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`,
      connections: load.connections,
      duration: load.duration,
      warmup: load.warmup,
      seed: { comments: seeded.comments, replies: seeded.replies, votes: seeded.votes, seconds: seeded.seconds, commentsPerSecond: seeded.commentsPerSecond, concurrency, threadCount: firstPage.count },
      rows,
      rss: { highWaterMb, loadPeakMb, seedingPeakMb, limitMb: RSS_LIMIT_MB },
      weight,
      notes,
    };
    console.log(`\n${resultsMarkdown(report)}`);
    const missing = missingFigures(report, plans.length);
    if (missing.length > 0) throw new Error(`figures missing from this run:\n${missing.join('\n')}`);
    if (quick) log(`quick mode: all ${rows.length} measurements produced their figures (speed is not judged in quick mode)`);
    if (!args['no-write']) {
      const resultsDir = path.join(benchDir, 'results');
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(path.join(resultsDir, `${db}.json`), `${JSON.stringify(report, null, 2)}\n`);
      writeBenchmarksFile(path.join(rootDir, 'BENCHMARKS.md'), report);
      log(`wrote BENCHMARKS.md and bench/results/${db}.json`);
    }
  } finally {
    sampler?.stop();
    await stopAll();
    if (postgres) {
      try {
        await postgres.drop();
        log('dropped the benchmark database');
      } catch (error) {
        console.error(`could not drop the benchmark database: ${String(error)}`);
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The article page with and without comments, and the comments the first page shows. */
async function htmlWeight(baseUrl: string, firstPageApi: string): Promise<HtmlWeight> {
  const full = (await fetchOnce(baseUrl, { method: 'GET', path: `/articles/${MAIN_SLUG}` })).body;
  const empty = (await fetchOnce(baseUrl, { method: 'GET', path: `/articles/${EMPTY_SLUG}` })).body;
  const page = JSON.parse((await fetchOnce(baseUrl, { method: 'GET', path: firstPageApi })).body.toString('utf8')) as ApiPage;
  const shown = flatten(page.comments);
  const html = full.toString('utf8');
  const idsFoundInHtml = shown.filter((c) => new RegExp(`comment-${c.id}\\b`).test(html)).length;
  const textBytes = shown.reduce((sum, c) => sum + Buffer.byteLength(c.html), 0);
  return {
    withComments: full.length,
    withoutComments: empty.length,
    commentsShown: shown.length,
    bytesPerComment: shown.length > 0 ? (full.length - empty.length) / shown.length : 0,
    textBytesPerComment: shown.length > 0 ? textBytes / shown.length : 0,
    idsFoundInHtml,
  };
}

/** What a report lacks: a measurement not made, no successful request, a latency that is not a number. */
function missingFigures(report: RunReport, planned: number): string[] {
  const missing: string[] = [];
  if (report.rows.length !== planned) missing.push(`${planned} measurements planned, ${report.rows.length} made`);
  for (const row of report.rows) {
    const results = [['Tribune', row.tribune] as const, ...(row.bare ? [['bare', row.bare] as const] : [])];
    for (const [who, r] of results) {
      if (!(r.total > 0) || !(r.requestsPerSecond > 0)) missing.push(`${row.label}: no requests completed against ${who}`);
      if (!Number.isFinite(r.latencyP50) || !Number.isFinite(r.latencyP99)) missing.push(`${row.label}: no latency against ${who}`);
    }
    if (row.tribune.okPerSecond <= 0) missing.push(`${row.label}: no 2xx answers from Tribune`);
  }
  if (!(report.weight.bytesPerComment > 0)) missing.push('HTML weight per comment');
  if (!(report.rss.highWaterMb > 0)) missing.push('peak RSS');
  return missing;
}

/**
 * Posts a comment every 100 ms (a busy discussion) until stopped or `limitMs` passes, whichever
 * comes first; each post is awaited, so a slow server gets fewer, never a pile-up.
 */
function startWriter(baseUrl: string, postPath: string, makeBody: () => string, limitMs: number) {
  let posted = 0;
  let failed = 0;
  let lastError = '';
  let stopped = false;
  const deadline = Date.now() + limitMs;
  const loop = (async () => {
    while (!stopped && Date.now() < deadline) {
      const started = Date.now();
      try {
        const response = await fetch(`${baseUrl}${postPath}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.1' },
          body: makeBody(),
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        if (response.status === 201) posted++;
        else {
          failed++;
          lastError = `status ${response.status}`;
        }
      } catch (error) {
        failed++;
        lastError = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
    result: () => ({ posted, failed, lastError }),
  };
}

/** The commit measured, marked when the working tree differs from it. */
function commitOf(): string {
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: rootDir, encoding: 'utf8' });
  if (head.status !== 0) return 'unknown (not a git checkout)';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'web', 'bench', 'package.json'], { cwd: rootDir, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

function commandLine(): string {
  const given = process.argv.slice(2).filter((a) => a !== '--no-write');
  return ['npx tsx bench/run.ts', ...given].join(' ');
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopAll();
  process.exit(1);
});
