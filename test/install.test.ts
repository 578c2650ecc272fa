import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const rootDir = path.resolve(import.meta.dirname, '..');
/** A package as the dependency that uses it resolves it. */
const requireFrom = (user: string, name: string): unknown => createRequire(path.join(rootDir, 'node_modules', user, 'package.json'))(name);

describe('install on the Node version the project supports', () => {
  it('every locked package accepts this Node version, so npm install prints no engine warning', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(rootDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.optional && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(process.version, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, entry]) => `${name} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('the overridden cookie and content-disposition give the functions Fastify calls', () => {
    const cookie = requireFrom('@fastify/cookie', 'cookie') as { parseCookie(header: string): Record<string, string>; stringifySetCookie(c: object, o?: object): string };
    expect(cookie.parseCookie('tribune_reader=abc; other=1')).toMatchObject({ tribune_reader: 'abc', other: '1' });
    expect(cookie.stringifySetCookie({ name: 'tribune_reader', value: 'abc', httpOnly: true, path: '/' })).toBe('tribune_reader=abc; Path=/; HttpOnly');
    const disposition = requireFrom('@fastify/static', 'content-disposition') as { create(name: string): string };
    expect(disposition.create('report é.csv')).toBe(`attachment; filename="report ?.csv"; filename*=UTF-8''report%20%C3%A9.csv`);
  });
});
