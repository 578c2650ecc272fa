import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessRateLimitStore } from '../../src/adapters/rate-limit/in-process.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { SESSION_LIFETIME_MS, SIGN_IN_LIMITS, StaffService, sessionIdOf } from '../../src/services/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let store: Store;
let offset = 0;
const now = () => Date.now() + offset;
const limiter = new InProcessRateLimitStore(now);
let staff: StaffService;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.dataDir });
  await migrateToLatest(handle);
  store = Store.from(handle);
  staff = new StaffService(store, limiter, { enabled: false }, now);
  await staff.createStaff({ email: '  Ada@Example.org ', name: ' Ada ', role: 'admin', password: 'correct horse battery' });
});
afterAll(async () => {
  await limiter.close();
  await handle?.close();
  await database?.drop();
});

describe('creating staff', () => {
  it('stores a lower-case e-mail and an argon2id hash, never the password', async () => {
    const row = await store.staff.findStaffByEmail('ada@example.org');
    expect(row).toMatchObject({ email: 'ada@example.org', name: 'Ada', role: 'admin', disabled: 0 });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain('correct horse');
  });

  it('defaults to moderator', async () => {
    const created = await staff.createStaff({ email: 'mo@example.org', name: 'Mo', password: 'twelve chars!' });
    expect(created.role).toBe('moderator');
  });

  it.each([
    [{ email: 'not-an-email' }, 'email', 'email_invalid'],
    [{ name: '   ' }, 'name', 'name_invalid'],
    [{ role: 'owner' }, 'role', 'role_invalid'],
    [{ password: 'short pass' }, 'password', 'password_too_short'],
    [{ email: 'ADA@example.org' }, 'email', 'email_taken'],
  ])('refuses %j naming the field', async (override, field, code) => {
    const input = { email: 'new@example.org', name: 'New', role: 'moderator', password: 'long enough password', ...override };
    await expect(staff.createStaff(input)).rejects.toMatchObject({ field, code });
  });

  it('says how long the password must be', async () => {
    await expect(staff.createStaff({ email: 'x@example.org', name: 'X', password: 'short' })).rejects.toThrow(/password must be at least 12 characters/);
  });
});

describe('signing in and out', () => {
  it('hands out a random token stored only as its SHA-256, with a CSRF token', async () => {
    const { token, session } = await staff.signIn('ADA@example.org', 'correct horse battery');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.staff).toMatchObject({ email: 'ada@example.org', name: 'Ada', role: 'admin' });
    expect(session.csrfToken.length).toBeGreaterThanOrEqual(32);
    const row = await store.staff.findSession(sessionIdOf(token));
    expect(row?.id).toBe(sessionIdOf(token));
    expect(row?.id).not.toBe(token);
    expect((await staff.sessionFor(token))?.staff.name).toBe('Ada');
  });

  it('fails the same way for a wrong password and an unknown e-mail, taking as long for both', async () => {
    // CPU time (hashing runs on libuv's threads, counted too), not wall time: other suites share the cores.
    const timed = async (email: string) => {
      const started = process.cpuUsage();
      await expect(staff.signIn(email, 'wrong password!!')).rejects.toMatchObject({ kind: 'unauthorized', code: 'sign_in_failed', message: 'Wrong e-mail or password.' });
      const used = process.cpuUsage(started);
      return used.user + used.system;
    };
    await timed('nobody@example.org'); // the dummy hash is made on first use
    const median = async (email: string) => {
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) xs.push(await timed(email));
      return xs.sort((a, b) => a - b)[2]!;
    };
    const wrongPassword = await median('ada@example.org');
    const unknownEmail = await median('nobody@example.org');
    // A skipped verify would answer an unknown address in well under a tenth of the time.
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.5);
  });

  it('ends the session on sign-out', async () => {
    const { token } = await staff.signIn('ada@example.org', 'correct horse battery');
    await staff.signOut(token);
    expect(await staff.sessionFor(token)).toBeNull();
    expect(await staff.sessionFor('made-up-token')).toBeNull();
  });

  it('expires after 30 days without use, sliding while used', async () => {
    const { token } = await staff.signIn('ada@example.org', 'correct horse battery');
    offset += SESSION_LIFETIME_MS - 60_000;
    expect(await staff.sessionFor(token)).not.toBeNull();
    offset += SESSION_LIFETIME_MS - 60_000;
    expect(await staff.sessionFor(token)).not.toBeNull();
    offset += SESSION_LIFETIME_MS + 1;
    expect(await staff.sessionFor(token)).toBeNull();
  });

  it('refuses a disabled account', async () => {
    const { token } = await staff.signIn('mo@example.org', 'twelve chars!');
    await handle.db.updateTable('staff').set({ disabled: 1 }).where('email', '=', 'mo@example.org').execute();
    expect(await staff.sessionFor(token)).toBeNull();
    await expect(staff.signIn('mo@example.org', 'twelve chars!')).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('limits sign-in attempts per address and e-mail pair and per address, but never locks an account out from elsewhere', async () => {
    const limited = new StaffService(store, limiter, { enabled: true }, now);
    // Someone guessing from many addresses slows the account down but cannot lock it.
    for (let i = 0; i < 12; i++) await expect(limited.signIn('ada@example.org', 'guess number ' + i, `botnet-${i}`)).rejects.toMatchObject({ kind: 'unauthorized' });
    const started = Date.now();
    expect((await limited.signIn('ada@example.org', 'correct horse battery', 'ada-at-home')).token).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.slowDownMs - 50);
    // One address guessing one account is stopped after 10, without stopping the same person on another account.
    for (let i = 0; i < 10; i++) await expect(limited.signIn('target@example.org', 'guess ' + i, 'one-client')).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(limited.signIn('target@example.org', 'another guess', 'one-client')).rejects.toMatchObject({ kind: 'rate_limited' });
    // One address trying many accounts is stopped after 30 attempts.
    for (let i = 0; i < 20; i++) await expect(limited.signIn(`user${i}@example.org`, 'guess', 'one-client')).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(limited.signIn('ada@example.org', 'correct horse battery', 'one-client')).rejects.toMatchObject({ kind: 'rate_limited' });
  }, 30_000);

});
