import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnceSuites } from './run-once.js';

const rootDir = path.resolve(import.meta.dirname, '..');
const databaseHelper = path.join(rootDir, 'test/support/database.ts');

/** Relative imports of a test-side file, resolved to files on disk (`.js` specifiers name `.ts` sources). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\(\s*)['"](\.[^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    const target = path.resolve(path.dirname(file), specifier);
    const candidate = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), `${target}.ts`].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    return candidate ? [candidate] : [];
  });
}

/** Whether a test file reaches the per-dialect database helper through the test tree's own imports. */
function opensTestDatabase(file: string, seen = new Set<string>()): boolean {
  if (file === databaseHelper) return true;
  if (seen.has(file) || !file.startsWith(path.join(rootDir, 'test'))) return false;
  seen.add(file);
  return importsOf(file).some((next) => opensTestDatabase(next, seen));
}

/** The few glob forms the list uses (`**` + `/`, `*`, `{a,b}`), as one regular expression. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^$()|[\]\\]/g, '\\$&')
    .split('**/')
    .map((part) => part.replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?')
    .replace(/\{([^}]+)\}/g, (_all, choices: string) => `(?:${choices.split(',').join('|')})`);
  return new RegExp(`^${source}$`);
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(rootDir, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    return entry.isDirectory() ? testFiles(relative) : /\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe('suites that run once, on SQLite only', () => {
  const patterns = runOnceSuites.map(globToRegExp);
  const suites = testFiles('test').filter((file) => patterns.some((pattern) => pattern.test(file))).map((file) => path.join(rootDir, file));

  it('every entry of the list names at least one suite', () => {
    const all = testFiles('test');
    const unmatched = runOnceSuites.filter((_glob, index) => !all.some((file) => patterns[index]!.test(file)));
    expect(unmatched).toEqual([]);
  });

  it.each(suites.map((file) => [path.relative(rootDir, file), file]))('%s opens no database, so PostgreSQL would test nothing new', (_name, file) => {
    expect(opensTestDatabase(file)).toBe(false);
  });

  it('the guard itself sees a suite that does open one', () => {
    expect(opensTestDatabase(path.join(rootDir, 'test/http/comments-api.test.ts'))).toBe(true);
  });
});
