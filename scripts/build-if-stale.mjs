/**
 * `npm start` runs this first: it builds (`npm run build`) only when the build output is missing
 * or older than what it is built from, so a start after an unchanged checkout takes no build.
 * Plain JavaScript on purpose: it must run before anything is compiled.
 *
 *   node scripts/build-if-stale.mjs [--quiet]
 */
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const rootDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** Written after a successful build; its time is when the build output was made. */
const stampFile = path.join(rootDir, 'dist', '.built-at');
const inputs = ['src', 'web', 'public', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function staleReason() {
  if (!fs.existsSync(path.join(rootDir, 'dist', 'src', 'main.js')) || !fs.existsSync(path.join(rootDir, 'dist', 'web'))) return 'no build output yet';
  if (!fs.existsSync(stampFile)) return 'the build output has no stamp';
  const builtAt = fs.statSync(stampFile).mtimeMs;
  const changed = inputs.find((input) => newestMtime(path.join(rootDir, input)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = staleReason();
if (reason) {
  console.log(`Building Tribune (${reason})…`);
  // The stamp is taken before building: a source saved during the build makes the next start build again.
  const startedAt = new Date();
  const result = spawnSync('npm', ['run', 'build'], { cwd: rootDir, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, `${startedAt.toISOString()}\n`);
  fs.utimesSync(stampFile, startedAt, startedAt);
} else if (!process.argv.includes('--quiet')) {
  console.log('Build output is up to date.');
}
