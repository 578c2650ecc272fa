import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The node flags `npm start` runs with (package.json `config.nodeFlags`), so memory limits are the real ones. */
export const startFlags: string[] = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).config.nodeFlags as string).split(/\s+/).filter(Boolean);

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Resident memory of the process in MB, from /proc. */
  residentMb(): number;
  alive(): boolean;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Tribune in a process of its own, as `npm start` runs it (from source through tsx), on a free port of 127.0.0.1. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...startFlags, '--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, TRIBUNE_DEMO_CONTENT: 'off', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const match = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    residentMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    },
    alive: () => !exited,
    output: () => output,
    async kill(signal) {
      if (!exited) child.kill(signal);
      await exit;
    },
  };
}
