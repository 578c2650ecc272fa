/**
 * `npm test`: lint, type-check, build the widget, then run every suite on SQLite and on
 * PostgreSQL; under CI=true (or TRIBUNE_TEST_BENCH=1) also the benchmarks' quick modes.
 * A suite whose server or browser is missing is skipped with the reason printed; under CI=true a
 * skip is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const skipped: string[] = [];

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Runs independent steps at once (each mostly waits on one core, and this machine has two), then
 * prints each one's output whole, in order, so nothing interleaves.
 */
async function runTogether(steps: { label: string; command: string; args: string[] }[]): Promise<void> {
  const results = await Promise.all(
    steps.map(
      (step) =>
        new Promise<{ label: string; output: string; status: number | null }>((resolve) => {
          const child = spawn(step.command, step.args, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.once('close', (status) => resolve({ label: step.label, output, status }));
        }),
    ),
  );
  for (const result of results) {
    console.log(`\n▶ ${result.label}\n${result.output}`);
    if (result.status !== 0) console.error(`✖ ${result.label} failed`);
  }
  const failed = results.find((r) => r.status !== 0);
  if (failed) process.exit(failed.status ?? 1);
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const chromium = process.env.TRIBUNE_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(chromium);
const havePostgres = await reachable(5432);
// The Redis suites (shared events and rate limits) skip themselves without it, and fail under CI=true.
if (!(await reachable(6379))) skipped.push('Redis suites (test/adapters/redis, test/http/two-instances): nothing listens on 127.0.0.1:6379');

await runTogether([
  { label: 'lint', command: 'npx', args: ['eslint', '.'] },
  { label: 'type-check (strict)', command: 'npx', args: ['tsc', '-p', '.'] },
  { label: 'build the discussion widget', command: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] },
]);

const browserEnv: Record<string, string> = haveChromium ? {} : { TRIBUNE_SKIP_BROWSER: `no Chromium at ${chromium} (apt-get install -y chromium)` };
if (!haveChromium) skipped.push(`browser tests: ${browserEnv.TRIBUNE_SKIP_BROWSER}`);

// One run of both projects, so a slow suite of one overlaps the other's (vitest.config.ts says how many at once).
if (!havePostgres) skipped.push('PostgreSQL suite: nothing listens on 127.0.0.1:5432');
run(havePostgres ? 'tests on SQLite and on PostgreSQL' : 'tests on SQLite', 'npx', ['vitest', 'run', '--project', 'sqlite', ...(havePostgres ? ['--project', 'postgres'] : [])], browserEnv);

// The benchmark in quick mode (small thread, one-second runs): proves it still produces every figure
// on both databases, so BENCHMARKS.md can always be regenerated. It judges no speed.
// The fan-out benchmark likewise (a few hundred open streams, two rounds).
if (ci || process.env.TRIBUNE_TEST_BENCH === '1') {
  const dbs = havePostgres ? ['sqlite', 'postgres'] : ['sqlite'];
  if (!havePostgres) skipped.push('benchmark on PostgreSQL: nothing listens on 127.0.0.1:5432');
  // Build once before they start together, or each would find dist/ stale and build it at the same time.
  run('build for the benchmarks', 'node', ['scripts/build-if-stale.mjs', '--quiet']);
  await runTogether([
    ...dbs.map((db) => ({ label: `benchmark, quick mode, on ${db}`, command: 'npx', args: ['tsx', 'bench/run.ts', '--db', db, '--quick'] })),
    { label: 'fan-out benchmark, quick mode, on sqlite', command: 'npx', args: ['tsx', 'bench/fanout.ts', '--db', 'sqlite', '--quick'] },
  ]);
}

for (const reason of skipped) console.warn(`⚠ SKIPPED ${reason}`);
if (skipped.length > 0 && ci) {
  console.error('✖ CI=true: a skipped suite is a failure.');
  process.exit(1);
}
console.log('\n✔ all tests passed');
