import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { READER_SESSION_LIFETIME_MS, ReaderAccountService, tokenHash } from '../../src/services/reader-accounts.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let store: Store;
let offset = 0;
const now = () => Date.now() + offset;
let accounts: ReaderAccountService;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.dataDir });
  await migrateToLatest(handle);
  store = Store.from(handle);
  accounts = new ReaderAccountService(store, now);
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe('signing in with a verified e-mail', () => {
  it('makes the account on the first sign-in and finds it again, whatever the case of the address', async () => {
    const first = await accounts.signInWithVerifiedEmail('default', ' Lena@Example.org ', { name: ' Lena  K. ' });
    expect(first).toMatchObject({ siteId: 'default', name: 'Lena K.', email: 'lena@example.org' });
    const again = await accounts.signInWithVerifiedEmail('default', 'lena@example.org', { name: 'Someone else' });
    expect(again.id).toBe(first.id);
    // The name is the account's; signing in again does not rename it.
    expect(again.name).toBe('Lena K.');
  });

  it('names a reader who gave no name "Reader N", never after their address', async () => {
    const account = await accounts.signInWithVerifiedEmail('default', 'quiet.person@example.org');
    expect(account.name).toBe(`Reader ${account.id}`);
  });

  it('keeps the same address on two sites as two readers', async () => {
    const here = await accounts.signInWithVerifiedEmail('default', 'both@example.org');
    const there = await accounts.signInWithVerifiedEmail('second', 'both@example.org');
    expect(there.id).not.toBe(here.id);
    expect(there.siteId).toBe('second');
  });

  it('makes one account when the same address signs in twice at once', async () => {
    const [a, b] = await Promise.all([accounts.signInWithVerifiedEmail('default', 'twice@example.org'), accounts.signInWithVerifiedEmail('default', 'twice@example.org')]);
    expect(a.id).toBe(b.id);
  });

  it('refuses what is not an address, naming the field', async () => {
    await expect(accounts.signInWithVerifiedEmail('default', 'not-an-address')).rejects.toMatchObject({ kind: 'invalid', field: 'email' });
  });
});

describe('signing in with an identity another system vouches for', () => {
  it('finds a returning identity without its e-mail being asked again', async () => {
    const first = await accounts.signInWithIdentity('default', { provider: 'https://id.example.org', subject: 'u-1', email: 'oidc@example.org', emailVerified: true, name: 'Olu' });
    const back = await accounts.signInWithIdentity('default', { provider: 'https://id.example.org', subject: 'u-1', emailVerified: false, name: 'Olu renamed there' });
    expect(back.id).toBe(first.id);
    expect(back.name).toBe('Olu');
  });

  it('joins the account of a verified address, so the e-mail link and the provider are one reader', async () => {
    const byLink = await accounts.signInWithVerifiedEmail('default', 'same.person@example.org');
    const bySso = await accounts.signInWithIdentity('default', { provider: 'sso', subject: '42', email: 'Same.Person@example.org', emailVerified: true, name: 'Sam' });
    expect(bySso.id).toBe(byLink.id);
  });

  it('never joins or stores an unverified address: it could be anyone\'s', async () => {
    const owner = await accounts.signInWithVerifiedEmail('default', 'owner@example.org');
    const stranger = await accounts.signInWithIdentity('default', { provider: 'https://id.example.org', subject: 'u-2', email: 'owner@example.org', emailVerified: false, name: 'Mallory' });
    expect(stranger.id).not.toBe(owner.id);
    expect(stranger.email).toBeNull();
  });

  it('keeps the same subject at two providers apart', async () => {
    const a = await accounts.signInWithIdentity('default', { provider: 'https://a.example.org', subject: 'same', emailVerified: false, name: 'A' });
    const b = await accounts.signInWithIdentity('default', { provider: 'https://b.example.org', subject: 'same', emailVerified: false, name: 'B' });
    expect(a.id).not.toBe(b.id);
  });
});

describe('sessions', () => {
  it('stores only a hash of the token, counts on its own site only, and ends', async () => {
    const account = await accounts.signInWithVerifiedEmail('default', 'session@example.org');
    const { token } = await accounts.startSession(account);
    expect(await store.readerAccounts.findSession(token)).toBeUndefined();
    expect((await store.readerAccounts.findSession(tokenHash(token)))?.account.id).toBe(account.id);
    expect((await accounts.sessionFor('default', token))?.id).toBe(account.id);
    expect(await accounts.sessionFor('second', token)).toBeNull();
    await accounts.endSession(token);
    expect(await accounts.sessionFor('default', token)).toBeNull();
  });

  it('expires after its lifetime without use, and slides forward while used', async () => {
    const account = await accounts.signInWithVerifiedEmail('default', 'slide@example.org');
    const { token } = await accounts.startSession(account);
    offset += READER_SESSION_LIFETIME_MS - 60_000;
    expect(await accounts.sessionFor('default', token)).not.toBeNull();
    offset += READER_SESSION_LIFETIME_MS - 60_000;
    expect(await accounts.sessionFor('default', token)).not.toBeNull();
    offset += READER_SESSION_LIFETIME_MS + 1;
    expect(await accounts.sessionFor('default', token)).toBeNull();
  });
});
