import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/services/errors.js';
import { readSignedPayload } from '../../src/services/sso-payload.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const check = { secret: SECRET, maxAgeMs: 3_600_000, now: NOW };
const user = { id: 'u-1042', name: 'Ada Lovelace', email: 'ada@example.org', email_verified: true };

/** What the worked example in docs/single-sign-on.md does on the host site's server. */
function hmacPayload(fields: object, options: { secret?: string; at?: number } = {}): string {
  const message = Buffer.from(JSON.stringify(fields)).toString('base64');
  const timestamp = Math.floor((options.at ?? NOW) / 1000);
  const signature = createHmac('sha256', options.secret ?? SECRET).update(`${message} ${timestamp}`).digest('hex');
  return `${message} ${signature} ${timestamp}`;
}

async function jwt(claims: Record<string, unknown>, options: { secret?: string; alg?: string; at?: number; expiresIn?: number } = {}): Promise<string> {
  const at = Math.floor((options.at ?? NOW) / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuedAt(at)
    .setExpirationTime(at + (options.expiresIn ?? 600))
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

async function refusal(payload: string): Promise<ServiceError> {
  const error = await readSignedPayload(payload, check).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('the HMAC-SHA256 payload (BASE64JSON SIGNATURE TIMESTAMP)', () => {
  it('gives the host site’s user when the signature is right and the payload fresh', async () => {
    expect(await readSignedPayload(hmacPayload(user), check)).toEqual({ id: 'u-1042', name: 'Ada Lovelace', email: 'ada@example.org', emailVerified: true });
  });

  it('takes a numeric id and treats an address as unverified unless the host site says so', async () => {
    expect(await readSignedPayload(hmacPayload({ id: 77, name: 'Bo' }), check)).toEqual({ id: '77', name: 'Bo', email: null, emailVerified: false });
    expect((await readSignedPayload(hmacPayload({ id: 78, email: 'bo@example.org' }), check)).emailVerified).toBe(false);
  });

  it('refuses a payload signed with another secret, or changed after signing', async () => {
    expect((await refusal(hmacPayload(user, { secret: 'another-secret-also-32-characters-long' }))).code).toBe('sso_signature_invalid');
    const [, signature, timestamp] = hmacPayload(user).split(' ');
    const forged = `${Buffer.from(JSON.stringify({ ...user, id: 'admin' })).toString('base64')} ${signature} ${timestamp}`;
    const error = await refusal(forged);
    expect([error.kind, error.code, error.field]).toEqual(['unauthorized', 'sso_signature_invalid', 'payload']);
  });

  it('refuses one older than the accepted age, and one dated in the future', async () => {
    expect((await refusal(hmacPayload(user, { at: NOW - 3_601_000 }))).code).toBe('sso_payload_expired');
    expect((await refusal(hmacPayload(user, { at: NOW + 10 * 60_000 }))).code).toBe('sso_payload_not_yet_valid');
    // A server clock a minute fast is normal.
    expect((await readSignedPayload(hmacPayload(user, { at: NOW + 60_000 }), check)).id).toBe('u-1042');
  });

  it('names what is wrong with a malformed payload', async () => {
    expect((await refusal('just-some-text')).code).toBe('sso_payload_malformed');
    expect((await refusal(`abc ${'0'.repeat(64)} soon`)).code).toBe('sso_timestamp_invalid');
    expect((await refusal(`abc nothex ${Math.floor(NOW / 1000)}`)).code).toBe('sso_signature_malformed');
    const noId = await refusal(hmacPayload({ name: 'Nobody' }));
    expect([noId.kind, noId.field]).toEqual(['invalid', 'payload.id']);
  });
});

describe('the HS256 JWT', () => {
  it('gives the user of a well-signed token', async () => {
    expect(await readSignedPayload(await jwt({ sub: 'u-7', name: 'Grace', email: 'grace@example.org' }), check)).toEqual({ id: 'u-7', name: 'Grace', email: 'grace@example.org', emailVerified: false });
  });

  it('refuses alg none, whatever the claims', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'admin', iat: NOW / 1000, exp: NOW / 1000 + 600 })}.`;
    expect((await refusal(unsigned)).code).toBe('sso_algorithm_refused');
  });

  it('refuses another HMAC algorithm, a wrong secret, an expired and a future-dated token', async () => {
    expect((await refusal(await jwt({ sub: 'u-7' }, { alg: 'HS512' }))).code).toBe('sso_algorithm_refused');
    expect((await refusal(await jwt({ sub: 'u-7' }, { secret: 'another-secret-also-32-characters-long' }))).code).toBe('sso_signature_invalid');
    expect((await refusal(await jwt({ sub: 'u-7' }, { at: NOW - 20 * 60_000 }))).code).toBe('sso_payload_expired');
    expect((await refusal(await jwt({ sub: 'u-7' }, { at: NOW - 2 * 3_600_000, expiresIn: 3 * 3_600 }))).code).toBe('sso_payload_expired');
    expect((await refusal(await jwt({ sub: 'u-7' }, { at: NOW + 10 * 60_000 }))).code).toBe('sso_payload_not_yet_valid');
  });

  it('requires sub, iat and exp', async () => {
    const noExp = await new SignJWT({ sub: 'u-7' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(NOW / 1000).sign(new TextEncoder().encode(SECRET));
    expect([(await refusal(noExp)).field, (await refusal(noExp)).kind]).toEqual(['payload.exp', 'invalid']);
    expect((await refusal(await jwt({ name: 'No one' }))).field).toBe('payload.sub');
  });
});
