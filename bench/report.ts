/** The Markdown the benchmark prints and keeps in BENCHMARKS.md, one section per database. */
import fs from 'node:fs';
import type { LoadResult } from './measure.js';

/** `tailFactor`: p99 latency must also stay within this many times the median (fair latency). */
export type Target = { kind: 'ratio'; min: number } | { kind: 'rate'; min: number; note?: string; tailFactor?: number } | { kind: 'none' };

export interface Row {
  label: string;
  method: string;
  path: string;
  bytes: number;
  tribune: LoadResult;
  /** Null for a mix of routes, which has no single bare answer. */
  bare: LoadResult | null;
  target: Target;
  /** Highest RSS sampled (every 100 ms) in the Tribune process during this measurement, in MB. */
  rssPeakMb: number;
  /** Cores busy during the measured Tribune run (CPU seconds ÷ wall seconds): Tribune's process, and every postgres process. */
  cpu: { tribune: number; postgres: number | null };
}

export interface HtmlWeight {
  withComments: number;
  withoutComments: number;
  commentsShown: number;
  bytesPerComment: number;
  /** Average bytes of the comment's own text (its `html` from the API, UTF-8) per shown comment. */
  textBytesPerComment: number;
  idsFoundInHtml: number;
}

export interface RunReport {
  db: 'sqlite' | 'postgres';
  date: string;
  command: string;
  /** `git rev-parse` of the code measured. */
  commit: string;
  machine: string;
  connections: number;
  duration: number;
  warmup: number;
  seed: { comments: number; replies: number; votes: number; seconds: number; commentsPerSecond: number; concurrency: number; threadCount: number };
  rows: Row[];
  rss: { highWaterMb: number; loadPeakMb: number; seedingPeakMb: number; limitMb: number };
  weight: HtmlWeight;
  notes: string[];
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function ratioOf(row: Row): number {
  return row.bare && row.bare.requestsPerSecond > 0 ? row.tribune.requestsPerSecond / row.bare.requestsPerSecond : 0;
}

/** true / false when the row has a target, null when it is informational. */
export function targetMet(row: Row): boolean | null {
  const clean = row.tribune.non2xx === 0 && row.tribune.errors === 0;
  switch (row.target.kind) {
    case 'ratio':
      return clean && ratioOf(row) >= row.target.min;
    case 'rate': {
      const fair = row.target.tailFactor === undefined || row.tribune.latencyP99 <= row.target.tailFactor * Math.max(1, row.tribune.latencyP50);
      return clean && fair && row.tribune.okPerSecond >= row.target.min;
    }
    default:
      return null;
  }
}

function targetText(target: Target): string {
  switch (target.kind) {
    case 'ratio':
      return `≥ ${target.min} × bare`;
    case 'rate':
      return `≥ ${fmt(target.min)}/s${target.tailFactor ? `, p99 ≤ ${target.tailFactor} × p50` : ''}${target.note ? ` ${target.note}` : ''}`;
    default:
      return '(info)';
  }
}

const percent = (cores: number) => `${fmt(cores * 100)}%`;
const cpuText = (row: Row) => (row.cpu.postgres === null ? percent(row.cpu.tribune) : `${percent(row.cpu.tribune)} / ${percent(row.cpu.postgres)}`);

const verdict = (met: boolean | null) => (met === null ? '–' : met ? '✅ yes' : '❌ no');

export function resultsMarkdown(report: RunReport): string {
  const lines: string[] = [];
  const dbName = report.db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  lines.push(`### ${dbName}`, '');
  lines.push(`Run ${report.date} on ${report.machine}, commit \`${report.commit}\`: \`${report.command}\``, '');
  lines.push(
    `Thread: ${fmt(report.seed.threadCount)} comments shown (${fmt(report.seed.replies)} replies), ${fmt(report.seed.votes)} votes; ` +
      `seeded through the API in ${fmt(report.seed.seconds, 1)} s with ${report.seed.concurrency} requests in flight ` +
      `(${fmt(report.seed.commentsPerSecond)} comments/s). Load: autocannon, ${report.connections} connections, ` +
      `${report.warmup} s warm-up then ${report.duration} s measured, against Tribune and then the bare server.`,
    '',
  );
  lines.push(
    `| measurement | bytes | Tribune req/s | bare req/s | ratio | p50 / p99 ms Tribune | p50 / p99 ms bare | target | met | peak RSS MB | CPU Tribune${report.db === 'postgres' ? ' / postgres' : ''} |`,
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |');
  for (const row of report.rows) {
    const t = row.tribune;
    const b = row.bare;
    const failures = t.non2xx + t.errors > 0 ? ` (${fmt(t.non2xx)} non-2xx, ${fmt(t.errors)} errors)` : row.method === 'MIXED' ? ' (0 errors)' : '';
    const rate = row.target.kind === 'rate' ? `${fmt(t.okPerSecond)} comments/s` : fmt(t.requestsPerSecond);
    lines.push(
      `| ${row.label} | ${row.bytes > 0 ? fmt(row.bytes) : '–'} | ${rate}${failures} | ${b ? fmt(b.requestsPerSecond) : '–'} | ${b ? fmt(ratioOf(row), 2) : '–'} | ` +
        `${fmt(t.latencyP50)} / ${fmt(t.latencyP99)} | ${b ? `${fmt(b.latencyP50)} / ${fmt(b.latencyP99)}` : '–'} | ${targetText(row.target)} | ${verdict(targetMet(row))} | ${fmt(row.rssPeakMb)} | ${cpuText(row)} |`,
    );
  }
  const rssMet = report.rss.highWaterMb < report.rss.limitMb;
  lines.push(
    `| peak RSS of the Tribune process (VmHWM, whole run incl. seeding) | | ${fmt(report.rss.highWaterMb)} MB | | | | | < ${report.rss.limitMb} MB | ${verdict(rssMet)} | | |`,
  );
  const w = report.weight;
  const weightMet = w.bytesPerComment < 1024;
  lines.push(
    `| article HTML per comment shown | | ${fmt(w.bytesPerComment)} B | | | | | < 1,024 B | ${verdict(weightMet)} | | |`,
    '',
  );
  lines.push(
    `Peak RSS: ${fmt(report.rss.loadPeakMb)} MB sampled during the load runs, ${fmt(report.rss.seedingPeakMb)} MB during seeding, ` +
      `${fmt(report.rss.highWaterMb)} MB VmHWM over the process's life.`,
    '',
  );
  lines.push(
    `HTML weight: the article page with its first page of comments is ${fmt(w.withComments)} B; the same article with no comments ` +
      `(same title, body, author and topics, slug of the same length) is ${fmt(w.withoutComments)} B; the difference over the ` +
      `${fmt(w.commentsShown)} comments shown (top-level and nested replies of the first page, counted in the API's answer for the ` +
      `same sort; ${fmt(w.idsFoundInHtml)} of their ids found in the HTML) is **${fmt(w.bytesPerComment)} B per comment**, of which ` +
      `${fmt(w.textBytesPerComment)} B is the comment's own text (its rendered \`html\`) and ${fmt(w.bytesPerComment - w.textBytesPerComment)} B markup, ` +
      'author, time, votes and links.',
    '',
  );
  for (const note of report.notes) lines.push(`- ${note}`);
  if (report.notes.length > 0) lines.push('');
  return lines.join('\n');
}

export const HEADER = `# Benchmarks

Written by \`bench/run.ts\`; each run replaces its own database's section below and keeps the other.

The machines these run on are shared 2-core boxes: **absolute numbers are noise, the ratios to the
bare server measured in the same run are what to compare.** autocannon runs in the benchmark
process; Tribune (\`node dist/src/main.js\`) and the bare baseline each run as their own child
process, so both share the two cores with the load generator in the same way.

## How each number is made

- **Setup.** A fresh database (a SQLite file in a temp dir, or a PostgreSQL database created for the
  run and dropped after), Tribune started with \`TRIBUNE_DEMO_CONTENT=off TRIBUNE_RATE_LIMITS=off
  LOG_LEVEL=warn\` and every moderation phase at its default (rate limits are off only so one client
  address may post thousands of comments). Everything is seeded through the public API: two
  articles with the admin API (identical but for the slug), then 10,000 comments posted to the first
  one's thread, a third of them replies to a random earlier comment (so branches nest), then 2,000
  votes from distinct readers skewed toward a few comments. Bodies are 200–800 characters of whole
  sentences a reader of the story could write (\`bench/sentences.ts\`: opinions, questions, local
  detail), so moderation reads what it reads in production. **Every seeded comment must be
  published**: one held or marked spam stops the run and prints its reasons from the moderation
  queue, so the benchmark cannot quietly measure a thread readers would not see. The text is the
  same every run, but 16 posts are in flight at once, so which comment a reply answers (and so the
  size of the first pages) varies between runs.
- **Bare baseline.** A \`node:http\` server in its own process answers the same URL with a
  prebuilt Buffer holding the exact bytes Tribune returned for it (fetched once right before),
  with the same status and content-type. Each measurement runs against the bare server, then
  against Tribune, with the same autocannon settings (connections, warm-up, duration).
- **GET first page, per sort** \`/api/v1/threads/{key}/comments?sort=oldest|newest|votes\`:
  requests/s; target ≥ 0.5 × bare. Tribune keeps rendered first pages in its response cache
  until the thread changes (or 60 s), so this is the cached path that readers hit: no query and no
  schema walk (a test fails if a cached page touches the database).
- **GET article page** \`/articles/{slug}\`: the HTML page with the server-rendered first page of
  comments; target ≥ 0.3 × bare.
- **… while written to.** The \`sort=newest\` first page and the article page again, while the
  benchmark posts a new comment into the thread every 100 ms (each post drops the thread's cached
  pages; the next request rebuilds each page once while the others wait for that build); target
  ≥ 0.3 × bare. The bare server gets no posts.
- **Uncached pages (info).** The second page (\`cursor=\` from the first) of the API and of the
  article page: never cached, so these show what a page costs to query and render.
- **POST comment** \`/api/v1/threads/{key}/comments\` into the same thread, with the full
  moderation pipeline: every request (autocannon, a fresh body per request) has a new 200–800
  character body and a name, a third reply to a random seeded comment, no cookie (each is a new
  guest). Reported as 201 responses per second; target ≥ 1,000/s on both databases, and fair
  latency: p99 ≤ 4 × the median. The bare baseline reads the request body and answers with a
  Tribune 201 body of the same size.
- **Mixed (info).** 95% reads (the three first pages and the article page, equally), 4% votes by
  new readers on random comments, 1% new comments, at the same connections: throughput, p50/p99
  and errors. No bare baseline (no single answer to send). Votes and posts drop the thread's pages,
  so reads here are often rebuilds.
- **CPU**: the share of one core the Tribune process used during its measured run (CPU
  seconds from \`/proc/PID/stat\` ÷ run seconds; 100% = one core, the most one Node.js thread can
  use for JavaScript), and on PostgreSQL the same for all \`postgres\` processes together. The
  load generator uses most of the other core.
- **Peak RSS** of the Tribune process: \`VmRSS\` from \`/proc/PID/status\` sampled every 100 ms
  (peak per measurement in the table), and the kernel's \`VmHWM\` (peak over the whole life,
  seeding included) read before stopping it; target < 200 MB.
- **HTML weight per comment**: (bytes of the article page with its first page of comments −
  bytes of the identical article with no comments) ÷ comments shown on that page (top-level
  comments and their nested replies, counted from the API's answer for the same sort). The text
  of the comments themselves is part of it and reported apart; target < 1 KB.

Reading the table: for the cached first pages of ~100 KB the bare server is itself bound by the
load generator (autocannon parses every byte on the shared core), so ratios near 1 mean "as fast
as this client can read", not "as fast as node:http". The small \`sort=newest\` page (replies of
new comments are few) is the one where the server's own overhead shows.

Reproduce: \`npm run bench\` (SQLite) and \`npm run bench:postgres\` (needs PostgreSQL on
127.0.0.1:5432 with trust auth for \`postgres\`), or \`npx tsx bench/run.ts --db sqlite|postgres
[--duration 10] [--connections 64]\`. \`--quick\` (200 comments, 16 connections, one-second runs,
nothing written) is what \`npm test\` runs under \`CI=true\` on both databases: it fails if any figure
is missing and judges no speed. \`--profile DIR\` writes a V8 CPU profile of the Tribune
process to DIR, and \`npx tsx bench/profile-summary.ts FILE\` summarises one.

## Results
`;

const marker = (db: string, edge: 'start' | 'end') => `<!-- results:${db}:${edge} -->`;

/** Replaces this database's section of BENCHMARKS.md (or adds it), keeping the other database's. */
export function writeBenchmarksFile(file: string, report: RunReport): void {
  const sections: Record<string, string> = {};
  if (fs.existsSync(file)) {
    const existing = fs.readFileSync(file, 'utf8');
    for (const db of ['sqlite', 'postgres']) {
      const start = existing.indexOf(marker(db, 'start'));
      const end = existing.indexOf(marker(db, 'end'));
      if (start >= 0 && end > start) sections[db] = existing.slice(start, end + marker(db, 'end').length);
    }
  }
  let findings = `${marker('findings', 'start')}\n${marker('findings', 'end')}`;
  // Sections other benchmarks (moderation, …) keep after the findings stay as they are.
  let rest = '';
  if (fs.existsSync(file)) {
    const existing = fs.readFileSync(file, 'utf8');
    const start = existing.indexOf(marker('findings', 'start'));
    const end = existing.indexOf(marker('findings', 'end'));
    if (start >= 0 && end > start) {
      findings = existing.slice(start, end + marker('findings', 'end').length);
      rest = existing.slice(end + marker('findings', 'end').length).replace(/^\n+/, '');
    }
  }
  sections[report.db] = `${marker(report.db, 'start')}\n${resultsMarkdown(report)}${marker(report.db, 'end')}`;
  const body = ['sqlite', 'postgres'].map((db) => sections[db] ?? `${marker(db, 'start')}\n_Not run yet._\n${marker(db, 'end')}`).join('\n\n');
  fs.writeFileSync(file, `${HEADER}\n${body}\n\n## What bounds the numbers\n\nWritten by hand; the benchmark keeps this section as it is.\n\n${findings}\n${rest ? `\n${rest}` : ''}`);
}
