import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { loadConfig } from '../../src/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';
import { Store } from '../../src/store/store.js';
import { StaffService } from '../../src/services/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const root = path.resolve(import.meta.dirname, '../..');
let database: TestDatabase;

/** Runs `npm run create-admin` the way an operator would, minus npm itself. */
function createAdmin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/create-admin.ts', ...args], {
      cwd: root,
      // No terminal: the password must come from the environment.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...database.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('npm run create-admin', () => {
  it('creates an admin who can then sign in, on a fresh database', async () => {
    const res = await createAdmin(['--email', 'Ada@Example.org', '--name', 'Ada Lovelace'], { TRIBUNE_ADMIN_PASSWORD: 'analytical engine 1843' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created admin Ada Lovelace <ada@example.org>');
    expect(res.stdout).not.toContain('analytical engine');

    const config = loadConfig({ ...database.env });
    const handle: DatabaseHandle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const limiter = new InProcessRateLimitStore();
    try {
      const staff = new StaffService(Store.from(handle), limiter, { enabled: false });
      const { session } = await staff.signIn('ada@example.org', 'analytical engine 1843');
      expect(session.staff).toMatchObject({ name: 'Ada Lovelace', role: 'admin' });
    } finally {
      await limiter.close();
      await handle.close();
    }
  });

  it('gives the role on the site named by --site, and on no other; refuses a site that does not exist', async () => {
    const config = loadConfig({ ...database.env });
    const handle: DatabaseHandle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const limiter = new InProcessRateLimitStore();
    try {
      await migrateToLatest(handle);
      const store = Store.from(handle);
      await store.sites.insertSite({ id: 'second', name: 'The Second Gazette', hosts: '["second.test"]', settings: '{}', created_at: Date.now() });
      const res = await createAdmin(['--email', 'sam@example.org', '--name', 'Sam', '--role', 'moderator', '--site', 'second'], { TRIBUNE_ADMIN_PASSWORD: 'long enough password' });
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('on the site "second"');
      const staff = new StaffService(store, limiter, { enabled: false });
      const { token } = await staff.signIn('sam@example.org', 'long enough password');
      expect(await staff.sessionOn('second', token)).toMatchObject({ staff: { name: 'Sam', role: 'moderator' } });
      expect(await staff.sessionOn(DEFAULT_SITE_ID, token)).toBe('elsewhere');

      const nowhere = await createAdmin(['--email', 'x@example.org', '--name', 'X', '--site', 'nowhere'], { TRIBUNE_ADMIN_PASSWORD: 'long enough password' });
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr).toContain('no site has the id "nowhere"');
    } finally {
      await limiter.close();
      await handle.close();
    }
  });

  it('creates a moderator with --role moderator', async () => {
    const res = await createAdmin(['--email', 'mo@example.org', '--name', 'Mo', '--role', 'moderator'], { TRIBUNE_ADMIN_PASSWORD: 'long enough password' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created moderator Mo');
  });

  it('explains what is wrong and creates nothing', async () => {
    const short = await createAdmin(['--email', 'x@example.org', '--name', 'X'], { TRIBUNE_ADMIN_PASSWORD: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');

    const taken = await createAdmin(['--email', 'ada@example.org', '--name', 'Ada again'], { TRIBUNE_ADMIN_PASSWORD: 'another long password' });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already exists');

    const noPassword = await createAdmin(['--email', 'y@example.org', '--name', 'Y'], {});
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('TRIBUNE_ADMIN_PASSWORD');

    const missing = await createAdmin(['--name', 'Z'], { TRIBUNE_ADMIN_PASSWORD: 'long enough password' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email and --name are required');
  });
});
