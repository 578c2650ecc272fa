/** Child processes the benchmark starts (Tribune, the bare baseline) and the RSS sampler that watches them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

export interface ChildServer {
  name: string;
  pid: number;
  port: number;
  baseUrl: string;
  /** Lines the child wrote to stderr (last 50), for the report when it fails. */
  stderrTail: string[];
  stop(): Promise<void>;
}

/** Every child started and not yet stopped, so a failing run or Ctrl-C still stops them. */
const running = new Set<ChildServer>();

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

let signalsHooked = false;
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers this benchmark started`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const child of running) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/**
 * A free port of 127.0.0.1: any the system gives, or the first free one in `TRIBUNE_BENCH_PORTS`
 * ("39000-39099") on a machine where each user keeps to a range.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.TRIBUNE_BENCH_PORTS ?? '');
  if (!range) return listenOnce(0);
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    if (handedOut.has(port)) continue;
    try {
      handedOut.add(await listenOnce(port));
      return port;
    } catch {
      // taken: try the next
    }
  }
  throw new Error(`no free port in TRIBUNE_BENCH_PORTS=${process.env.TRIBUNE_BENCH_PORTS}`);
}

const handedOut = new Set<number>();

function listenOnce(wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function track(name: string, child: ChildProcess, port: number): ChildServer {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  const stderrTail: string[] = [];
  if (child.stderr) {
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 50) stderrTail.shift();
    });
  }
  let exited = child.exitCode !== null;
  const exitedPromise = new Promise<void>((resolve) => {
    if (exited) resolve();
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const handle: ChildServer = {
    name,
    pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    stderrTail,
    async stop() {
      running.delete(handle);
      if (exited) return;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
  running.add(handle);
  hookSignals();
  return handle;
}

/** `node dist/src/main.js` on a free port of 127.0.0.1, ready once /healthz answers. */
export async function startTribune(rootDir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(rootDir, 'dist', 'src', 'main.js')], {
    cwd: rootDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const server = track('tribune', child, port);
  try {
    await waitForHealth(server, child, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(server: ChildServer, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Tribune exited with code ${child.exitCode} before answering:\n${server.stderrTail.join('\n')}`);
    }
    try {
      const response = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`Tribune did not answer /healthz within ${timeoutMs / 1000} s:\n${server.stderrTail.join('\n')}`);
}

/** The bare node:http baseline as its own process, serving the bodies the manifest names. */
export async function startBare(benchDir: string, manifestFile: string): Promise<ChildServer> {
  const wanted = process.env.TRIBUNE_BENCH_PORTS ? await freePort() : 0;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'bare-server.ts'), manifestFile, String(wanted)], {
    cwd: path.dirname(benchDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the bare server exited with code ${code}`)));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`the bare server said: ${line}`));
      }
    });
  }).catch(async (error: unknown) => {
    try {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    throw error;
  });
  return track('bare', child, port);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Samples a process's resident set every 100 ms; `phase()` returns the highest sample since the
 * last call, so each measurement gets its own peak. `highWater()` is the kernel's VmHWM: the
 * peak over the process's whole life, samples or not.
 */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private phasePeakKb = 0;
  private overallPeakKb = 0;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
    this.sample();
  }

  private sample(): void {
    const kb = readStatusKb(this.pid, 'VmRSS');
    if (kb === null) return;
    this.phasePeakKb = Math.max(this.phasePeakKb, kb);
    this.overallPeakKb = Math.max(this.overallPeakKb, kb);
  }

  /** Peak RSS in MB since the previous call (or since start). */
  phase(): number {
    this.sample();
    const peak = this.phasePeakKb;
    this.phasePeakKb = 0;
    return peak / 1024;
  }

  currentMb(): number {
    return (readStatusKb(this.pid, 'VmRSS') ?? 0) / 1024;
  }

  /** VmHWM in MB: the kernel's record of the process's peak RSS. */
  highWaterMb(): number {
    return (readStatusKb(this.pid, 'VmHWM') ?? this.overallPeakKb) / 1024;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** CPU seconds used so far by each process named `postgres` (the server and its backends), by PID. */
export function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const seconds = cpuSeconds(Number(entry));
    if (seconds !== null) byPid.set(Number(entry), seconds);
  }
  return byPid;
}

/** CPU seconds postgres processes used between two `postgresCpu()` readings (backends that exited in between are missed). */
export function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpu()) total += seconds - (before.get(pid) ?? 0);
  return Math.max(0, total);
}

const POSTGRES_ADMIN_URL = process.env.TRIBUNE_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database for one benchmark run, dropped (with any connection left) by `drop`. */
export async function createBenchDatabase(prefix = 'tribune_bench'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The settings a benchmarked Tribune runs with: no demo, no rate limits (one client address posts
 * thousands of comments), readers told apart by X-Forwarded-For, production logging.
 */
export function benchTribuneEnv(dataDir: string, adminToken: string, databaseUrl: string | null): Record<string, string> {
  return {
    TRIBUNE_DATA_DIR: dataDir,
    TRIBUNE_DEMO_CONTENT: 'off',
    TRIBUNE_RATE_LIMITS: 'off',
    TRIBUNE_TRUST_PROXY: 'on',
    TRIBUNE_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

/** The V8 flags `npm start` gives Tribune (package.json "config.nodeFlags"), so the numbers are production's. */
export function productionNodeFlags(rootDir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { config?: { nodeFlags?: string } }).config?.nodeFlags ?? '';
}
