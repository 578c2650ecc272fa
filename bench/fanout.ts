/**
 * Fan-out: many readers with one discussion open, one new comment posted. How long until every
 * reader's page has it, and what each open page costs the server in memory.
 *
 *   npx tsx bench/fanout.ts [--db sqlite|postgres] [--clients 5000] [--rounds 5] [--quick] [--no-write]
 *
 * Tribune runs as `node dist/src/main.js` in its own process; the clients are raw keep-alive sockets
 * in this process (one `GET /api/v1/threads/{key}/events` each, each from its own reader address via
 * X-Forwarded-For), opened in batches so the listen backlog never overflows. Each round posts one
 * comment through the public API and times, per client, from the moment the POST was sent to the
 * moment the client's socket delivered the `published` event. The baseline in the same run is
 * bench/bare-stream-server.ts: a bare node:http server holding the same number of streams, which
 * writes one event to all of them when told, timed the same way by the same clients.
 *
 * Memory per idle client: Tribune's RSS with every client connected and quiet (after the first
 * round, so buffers exist) minus its RSS before the clients came, divided by the clients.
 * `--quick` (200 clients, 2 rounds) is what `npm test` runs under CI=true; it judges no speed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchTribuneEnv, createBenchDatabase, freePort, productionNodeFlags, RssSampler, sleep, startTribune, stopAll, type ChildServer } from './processes.js';
import { authorName, commentBody, createArticle } from './seed.js';
import { seededRandom } from '../src/shared/seeded-random.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.dirname(benchDir);
const ADMIN_TOKEN = 'fanout-bench-admin-token-0123456789';
const SLUG = 'fanout';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    clients: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
if (args.quick) {
  args.clients = '200';
  args.rounds = '2';
  args['no-write'] = true;
}
const db = args.db === 'postgres' ? 'postgres' : 'sqlite';
const clientCount = Number(args.clients);
const rounds = Number(args.rounds);
if (!(clientCount >= 1 && clientCount <= 15_000) || !(rounds >= 1 && rounds <= 50)) throw new Error('--clients must be 1–15000 and --rounds 1–50');
// Every round must reach every client within this, or the round fails: the run is bounded in time.
const ROUND_LIMIT_MS = 30_000;
const CONNECT_BATCH = 250;

const log = (message: string) => console.log(`[fanout] ${message}`);

/** One reader's open page: a socket that has sent its GET and watches for the marker in what arrives. */
class StreamClient {
  private socket!: net.Socket;
  private seen = '';
  private waiting: { marker: string; resolve: (at: number) => void } | null = null;
  connected = false;

  constructor(
    private readonly port: number,
    private readonly path: string,
    private readonly address: string,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket = net.connect({ host: '127.0.0.1', port: this.port }, () => {
        this.socket.write(`GET ${this.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nX-Forwarded-For: ${this.address}\r\n\r\n`);
      });
      this.socket.setNoDelay(true);
      this.socket.once('error', reject);
      this.socket.on('data', (chunk: Buffer) => {
        const at = performance.now();
        // Only the tail matters: the marker of the awaited event arrives after the client starts waiting.
        this.seen = (this.seen + chunk.toString('latin1')).slice(-4096);
        if (!this.connected) {
          if (!this.seen.startsWith('HTTP/1.1 200')) return reject(new Error(`stream refused: ${this.seen.split('\r\n')[0]}`));
          if (this.seen.includes('retry:')) {
            this.connected = true;
            this.seen = '';
            resolve();
          }
          return;
        }
        if (this.waiting && this.seen.includes(this.waiting.marker)) {
          this.waiting.resolve(at);
          this.waiting = null;
          this.seen = '';
        }
      });
    });
  }

  /** Resolves with the time the marker arrived; the caller bounds the wait. */
  waitFor(marker: string): Promise<number> {
    this.seen = '';
    return new Promise((resolve) => (this.waiting = { marker, resolve }));
  }

  close(): void {
    this.socket.destroy();
  }
}

async function openAll(port: number, streamPath: string): Promise<StreamClient[]> {
  const clients: StreamClient[] = [];
  for (let i = 0; i < clientCount; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, clientCount - i) }, (_, j) => {
      const n = i + j;
      return new StreamClient(port, streamPath, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
    });
    await Promise.all(batch.map((c) => c.open()));
    clients.push(...batch);
  }
  return clients;
}

interface RoundResult {
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Starts every client waiting for `marker`, fires `trigger`, and returns the latency spread from the trigger. */
async function round(clients: StreamClient[], marker: string, trigger: () => Promise<void>): Promise<RoundResult> {
  const arrivals = clients.map((c) => c.waitFor(marker));
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not every client had the event within ${ROUND_LIMIT_MS / 1000} s`)), ROUND_LIMIT_MS);
  });
  try {
    const [times] = await Promise.race([Promise.all([Promise.all(arrivals), trigger()]), limit]);
    const latencies = times.map((t) => t - started).sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1]! };
  } finally {
    clearTimeout(timer);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function startBareStreams(): Promise<{ port: number; pid: number; stop(): void }> {
  const wanted = process.env.TRIBUNE_BENCH_PORTS ? await freePort() : 0;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'bare-stream-server.ts'), String(wanted)], { cwd: rootDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare stream server exited with code ${code}`)));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return { port, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

interface FanoutReport {
  tribune: RoundResult[];
  bare: RoundResult[];
  rssBeforeMb: number;
  rssConnectedMb: number;
  bareRssBeforeMb: number;
  bareRssConnectedMb: number;
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(rootDir, 'scripts', 'build-if-stale.mjs'), '--quiet'], { cwd: rootDir, stdio: 'inherit', timeout: 300_000 });
  if (build.status !== 0) throw new Error('npm run build failed; the benchmark needs dist/src/main.js');
  log(`${clientCount} stream clients, ${rounds} rounds, ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-fanout-'));
  const postgres = db === 'postgres' ? await createBenchDatabase('tribune_fanout') : null;
  let tribune: ChildServer | null = null;
  const random = seededRandom(7);
  const clients: StreamClient[] = [];
  try {
    if (!postgres) delete process.env.DATABASE_URL;
    // The same V8 flags as `npm start`, as bench/run.ts gives it.
    tribune = await startTribune(rootDir, benchTribuneEnv(dataDir, ADMIN_TOKEN, postgres?.url ?? null), productionNodeFlags(rootDir).split(/\s+/).filter(Boolean));
    await createArticle(tribune.baseUrl, ADMIN_TOKEN, SLUG, 'A discussion everyone has open');
    // A thread's key is its article's slug.
    const key = SLUG;
    // One comment first, so the thread, its event log and every cache exist before memory is read.
    await post(tribune.baseUrl, key, random);
    await sleep(500);
    const sampler = new RssSampler(tribune.pid);
    const rssBeforeMb = sampler.currentMb();

    const port = Number(new URL(tribune.baseUrl).port);
    clients.push(...(await openAll(port, `/api/v1/threads/${encodeURIComponent(key)}/events`)));
    log(`Tribune: ${clients.length} streams open (RSS ${rssBeforeMb.toFixed(0)} → ${sampler.currentMb().toFixed(0)} MB)`);

    const tribuneRounds: RoundResult[] = [];
    let rssConnectedMb = 0;
    for (let r = 0; r < rounds; r++) {
      const result = await round(clients, 'event: published', async () => void (await post(tribune!.baseUrl, key, random)));
      tribuneRounds.push(result);
      log(`Tribune round ${r + 1}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, last ${result.max.toFixed(1)} ms`);
      await sleep(300);
      if (r === 0) rssConnectedMb = sampler.currentMb();
    }
    for (const c of clients.splice(0)) c.close();
    await tribune.stop();
    tribune = null;

    const bare = await startBareStreams();
    try {
      const bareSampler = new RssSampler(bare.pid);
      const bareRssBeforeMb = bareSampler.currentMb();
      clients.push(...(await openAll(bare.port, '/events')));
      const event = `id: 1\nevent: published\ndata: ${JSON.stringify({ comment: { body: commentBody(random) } })}\n\n`;
      const bareRounds: RoundResult[] = [];
      let bareRssConnectedMb = 0;
      for (let r = 0; r < rounds; r++) {
        const result = await round(clients, 'event: published', async () => {
          const response = await fetch(`http://127.0.0.1:${bare.port}/publish`, { method: 'POST', body: event, signal: AbortSignal.timeout(10_000) });
          if (response.status !== 201) throw new Error(`bare publish: ${response.status}`);
        });
        bareRounds.push(result);
        log(`bare round ${r + 1}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
        await sleep(300);
        if (r === 0) bareRssConnectedMb = bareSampler.currentMb();
      }
      report({ tribune: tribuneRounds, bare: bareRounds, rssBeforeMb, rssConnectedMb, bareRssBeforeMb, bareRssConnectedMb });
    } finally {
      for (const c of clients.splice(0)) c.close();
      bare.stop();
    }
  } finally {
    for (const c of clients) c.close();
    if (tribune) await tribune.stop();
    await stopAll();
    await postgres?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function post(baseUrl: string, key: string, random: () => number): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/threads/${encodeURIComponent(key)}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.168.7.7' },
    body: JSON.stringify({ body: commentBody(random), name: authorName(random) }),
    signal: AbortSignal.timeout(10_000),
  });
  // 202 would mean held for review: published to no one, so there would be nothing to time.
  if (response.status !== 201) throw new Error(`posting: ${response.status} ${await response.text()}`);
}

function report(result: FanoutReport): void {
  const p50 = median(result.tribune.map((r) => r.p50));
  const p99 = median(result.tribune.map((r) => r.p99));
  const bareP50 = median(result.bare.map((r) => r.p50));
  const bareP99 = median(result.bare.map((r) => r.p99));
  const perClientKb = ((result.rssConnectedMb - result.rssBeforeMb) * 1024) / clientCount;
  const barePerClientKb = ((result.bareRssConnectedMb - result.bareRssBeforeMb) * 1024) / clientCount;
  const missing = [p50, p99, bareP50, bareP99, perClientKb].filter((n) => !Number.isFinite(n));
  if (missing.length > 0) throw new Error('a fan-out figure was not produced');
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).stdout.trim();
  const command = `npx tsx bench/fanout.ts --db ${db} --clients ${clientCount} --rounds ${rounds}`;
  const markdown = [
    `### Fan-out on ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, commit \`${head}\`: \`${command}\``,
    '',
    `${clientCount.toLocaleString('en-US')} open streams on one thread, one comment posted per round, ${rounds} rounds; time from sending the POST (bare: the publish request) until each client has the event. Medians over the rounds.`,
    '',
    '| measure | Tribune | bare node:http | target |',
    '| --- | ---: | ---: | --- |',
    `| every client has the comment: p50 | ${p50.toFixed(1)} ms | ${bareP50.toFixed(1)} ms | |`,
    `| every client has the comment: p99 | ${p99.toFixed(1)} ms | ${bareP99.toFixed(1)} ms | < 500 ms ${p99 < 500 ? '✅' : '❌'} |`,
    `| slowest client (worst round) | ${Math.max(...result.tribune.map((r) => r.max)).toFixed(1)} ms | ${Math.max(...result.bare.map((r) => r.max)).toFixed(1)} ms | |`,
    `| memory per idle stream (RSS growth ÷ streams) | ${perClientKb.toFixed(1)} KB | ${barePerClientKb.toFixed(1)} KB | |`,
    `| RSS before → with every stream open | ${result.rssBeforeMb.toFixed(0)} → ${result.rssConnectedMb.toFixed(0)} MB | ${result.bareRssBeforeMb.toFixed(0)} → ${result.bareRssConnectedMb.toFixed(0)} MB | |`,
    '',
    'Tribune\'s time includes taking the comment through moderation, storing it and answering 201 before the event is read back and written to each stream; the bare server only writes. The clients share this process and one core with the server, so their own reading is part of every figure on both sides.',
    '',
  ].join('\n');
  console.log(`\n${markdown}`);
  if (args['no-write']) return;
  const file = path.join(rootDir, 'BENCHMARKS.md');
  const start = `<!-- results:fanout-${db}:start -->`;
  const end = `<!-- results:fanout-${db}:end -->`;
  const existing = fs.readFileSync(file, 'utf8');
  const section = `${start}\n${markdown}${end}`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  fs.writeFileSync(file, from >= 0 && to > from ? existing.slice(0, from) + section + existing.slice(to + end.length) : `${existing.trimEnd()}\n\n${section}\n`);
  log(`written to BENCHMARKS.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  void stopAll().finally(() => process.exit(1));
});
