/**
 * CPU time per accepted comment, measured inside one process (no load generator to share the
 * cores with): Tribune built in-process on a fresh database, comments posted through
 * `app.inject` with the full moderation pipeline, 16 in flight (so group commit groups them as
 * under load), bodies and names as the benchmark's (bench/sentences.ts), a third replies.
 * `process.cpuUsage()` over the measured posts ÷ the posts answered 201: a figure that the
 * machine's other work moves far less than throughput does. Repeat it to see the spread. With
 * moderation threads (`TRIBUNE_MODERATION_THREADS`, default 1 on two cores) that is the CPU of all
 * threads; the main thread's own share (HTTP, the store), which bounds one process's posts per
 * second, is read from /proc/self/task/PID/stat and reported beside it.
 *
 *   [TRIBUNE_MODERATION_THREADS=N] npx tsx bench/post-cpu.ts [--db sqlite|postgres] [--posts 2000] [--warmup 500] [--rounds 3] [--profile FILE]
 *
 * `--profile FILE` writes a V8 CPU profile of the last round (summarise it with bench/profile-summary.ts).
 * On SQLite the WAL is fsynced before each answer, as in production (TRIBUNE_SQLITE_SYNCHRONOUS=durable);
 * that fsync runs off the JavaScript thread, so it is in the wall time, not in the CPU figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createTribune } from '../src/tribune.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { articlePayload, authorName, commentBody, readerAddress } from './seed.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    posts: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    inflight: { type: 'string', default: '16' },
    profile: { type: 'string' },
  },
});
const posts = Math.max(1, Number(args.posts) || 2000);
const warmup = Math.max(0, Number(args.warmup) || 0);
const rounds = Math.max(1, Number(args.rounds) || 3);
const inflight = Math.max(1, Number(args.inflight) || 16);
const ADMIN_TOKEN = 'post-cpu-admin-token-0123456789';
const POSTGRES_ADMIN_URL = process.env.TRIBUNE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** CPU seconds of the main thread alone (Linux; null elsewhere): utime + stime of its task. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-post-cpu-'));
let databaseUrl: string | undefined;
let dropDatabase = async () => {};
if (args.db === 'postgres') {
  const name = `tribune_post_cpu_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}

const config = loadConfig({
  TRIBUNE_DATA_DIR: dataDir,
  TRIBUNE_DEMO_CONTENT: 'off',
  TRIBUNE_RATE_LIMITS: 'off',
  TRIBUNE_TRUST_PROXY: 'on',
  TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  PORT: '0',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  ...(process.env.TRIBUNE_MODERATION_THREADS ? { TRIBUNE_MODERATION_THREADS: process.env.TRIBUNE_MODERATION_THREADS } : {}),
});
const tribune = await createTribune(config, { logger: false });
const { app } = tribune;

try {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/articles',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify(articlePayload('harbour-bridge', 'The harbour bridge')),
  });
  if (created.statusCode !== 201) throw new Error(`creating the article: ${created.statusCode} ${created.body}`);

  const random = seededRandom(7);
  const ids: number[] = [];
  const postOne = async (): Promise<number> => {
    const parentId = ids.length > 0 && random() < 1 / 3 ? ids[Math.floor(random() * ids.length)] : undefined;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/threads/harbour-bridge/comments',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': readerAddress(random) },
      payload: JSON.stringify({ body: commentBody(random), name: authorName(random), ...(parentId ? { parentId } : {}) }),
    });
    if (response.statusCode === 201) ids.push((JSON.parse(response.body) as { comment: { id: number } }).comment.id);
    else throw new Error(`post answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return response.statusCode;
  };
  const postMany = async (count: number): Promise<number> => {
    let next = 0;
    let accepted = 0;
    await Promise.all(
      Array.from({ length: inflight }, async () => {
        while (next < count) {
          next++;
          if ((await postOne()) === 201) accepted++;
        }
      }),
    );
    return accepted;
  };

  await postMany(warmup);
  const results: { cpuMsPerPost: number; mainMsPerPost: number | null; wallMsPerPost: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const session = args.profile && round === rounds ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const t0 = performance.now();
    const accepted = await postMany(posts);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const main1 = mainThreadCpuMs();
    const mainMs = main0 === null || main1 === null ? null : main1 - main0;
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(args.profile!, JSON.stringify(profile));
      session.disconnect();
    }
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const mainMsPerPost = mainMs === null ? null : mainMs / accepted;
    results.push({ cpuMsPerPost: cpuMs / accepted, mainMsPerPost, wallMsPerPost: wall / accepted });
    console.log(
      `round ${round}: ${accepted} posts, CPU ${(cpuMs / accepted).toFixed(3)} ms/post (user ${(cpu.user / 1000 / accepted).toFixed(3)}, system ${(cpu.system / 1000 / accepted).toFixed(3)}; main thread ${mainMsPerPost?.toFixed(3) ?? '?'}), wall ${(wall / accepted).toFixed(3)} ms/post`,
    );
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const sorted = results.map((r) => r.cpuMsPerPost).sort((a, b) => a - b);
  const main = results.flatMap((r) => (r.mainMsPerPost === null ? [] : [r.mainMsPerPost]));
  console.log(
    `${args.db}, ${config.moderationThreads} moderation thread(s): CPU per post, median of ${rounds} rounds: ${median(sorted).toFixed(3)} ms (min ${sorted[0]!.toFixed(3)})` +
      `${main.length > 0 ? `; main thread ${median(main).toFixed(3)} ms (min ${Math.min(...main).toFixed(3)})` : ''}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
} finally {
  await tribune.close();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
