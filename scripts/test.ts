/**
 * `npm test`: lint, type-check, build the widget, then run every suite on SQLite and on
 * PostgreSQL; under CI=true (or TRIBUNE_TEST_BENCH=1) also the benchmark's quick mode on both.
 * A suite whose server or browser is missing is skipped with the reason printed; under CI=true a
 * skip is a failure.
 */
import { spawnSync } from 'node:child_process';
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

run('lint', 'npx', ['eslint', '.']);
run('type-check (strict)', 'npx', ['tsc', '-p', '.']);
run('build the discussion widget', 'npx', ['vite', 'build', '--logLevel', 'warn']);

const browserEnv: Record<string, string> = haveChromium ? {} : { TRIBUNE_SKIP_BROWSER: `no Chromium at ${chromium} (apt-get install -y chromium)` };
if (!haveChromium) skipped.push(`browser tests: ${browserEnv.TRIBUNE_SKIP_BROWSER}`);

run('tests on SQLite', 'npx', ['vitest', 'run', '--project', 'sqlite'], browserEnv);
if (havePostgres) run('tests on PostgreSQL', 'npx', ['vitest', 'run', '--project', 'postgres'], browserEnv);
else skipped.push('PostgreSQL suite: nothing listens on 127.0.0.1:5432');

// The benchmark in quick mode (small thread, one-second runs): proves it still produces every figure
// on both databases, so BENCHMARKS.md can always be regenerated. It judges no speed.
if (ci || process.env.TRIBUNE_TEST_BENCH === '1') {
  run('benchmark, quick mode, on SQLite', 'npx', ['tsx', 'bench/run.ts', '--db', 'sqlite', '--quick']);
  if (havePostgres) run('benchmark, quick mode, on PostgreSQL', 'npx', ['tsx', 'bench/run.ts', '--db', 'postgres', '--quick']);
  else skipped.push('benchmark on PostgreSQL: nothing listens on 127.0.0.1:5432');
}

for (const reason of skipped) console.warn(`⚠ SKIPPED ${reason}`);
if (skipped.length > 0 && ci) {
  console.error('✖ CI=true: a skipped suite is a failure.');
  process.exit(1);
}
console.log('\n✔ all tests passed');
