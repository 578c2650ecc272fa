import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors as jose, jwtVerify } from 'jose';
import { invalid, ServiceError } from './errors.js';

/** The host site's user, as its signed payload describes them. */
export interface HostSiteUser {
  id: string;
  name: string | null;
  email: string | null;
  /** Only when the host site says it confirmed the address; otherwise the address is not trusted. */
  emailVerified: boolean;
}

export interface PayloadCheck {
  secret: string;
  /** A payload signed longer ago than this is refused. */
  maxAgeMs: number;
  now: number;
}

/** Clocks of two servers disagree a little; a payload "from the future" beyond this is refused. */
export const CLOCK_SKEW_MS = 2 * 60_000;
const FIELD = 'payload';

const unauthorized = (code: string, message: string) => new ServiceError('unauthorized', code, message, FIELD);

/**
 * Reads the host site's signed payload in either form it may send, and returns its user only when
 * the signature is right and the payload is fresh:
 * - `BASE64JSON SIGNATURE TIMESTAMP` (as Disqus and Commento do): SIGNATURE is the hex HMAC-SHA256,
 *   keyed by the shared secret, of `BASE64JSON + " " + TIMESTAMP`; TIMESTAMP is in Unix seconds;
 *   the JSON is `{"id", "name"?, "email"?, "email_verified"?}`.
 * - a JWT signed with HS256 and the shared secret, with `sub`, `iat` and `exp` (and `name`,
 *   `email`, `email_verified` as OpenID Connect names them). No other algorithm is accepted, so a
 *   token with `alg: none`, or one signed with a public key, is refused.
 */
export async function readSignedPayload(payload: string, check: PayloadCheck): Promise<HostSiteUser> {
  const trimmed = payload.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(trimmed)) return readJwt(trimmed, check);
  const parts = trimmed.split(/\s+/);
  if (parts.length === 3) return readHmacPayload(parts as [string, string, string], check);
  throw invalid('sso_payload_malformed', FIELD, 'payload must be a JWT (three dot-separated parts) or "BASE64JSON SIGNATURE TIMESTAMP" (three space-separated parts).');
}

function readHmacPayload([message, signature, timestamp]: [string, string, string], check: PayloadCheck): HostSiteUser {
  if (!/^\d{1,12}$/.test(timestamp)) throw invalid('sso_timestamp_invalid', FIELD, 'The payload’s timestamp (its third part) must be Unix time in whole seconds.');
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) throw invalid('sso_signature_malformed', FIELD, 'The payload’s signature (its second part) must be 64 hex digits: HMAC-SHA256 of "BASE64JSON TIMESTAMP".');
  const expected = createHmac('sha256', check.secret).update(`${message} ${timestamp}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw unauthorized('sso_signature_invalid', 'The payload’s signature does not match: sign "BASE64JSON TIMESTAMP" with HMAC-SHA256 and this site’s single sign-on secret.');
  }
  checkAge(Number(timestamp) * 1000, check);
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(message, 'base64').toString('utf8'));
  } catch {
    throw invalid('sso_payload_malformed', FIELD, 'The payload’s first part must be base64 of a JSON object.');
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw invalid('sso_payload_malformed', FIELD, 'The payload’s first part must be base64 of a JSON object.');
  const user = fields as Record<string, unknown>;
  return userFrom(user.id, user, 'id');
}

async function readJwt(token: string, check: PayloadCheck): Promise<HostSiteUser> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(check.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'iat', 'exp'],
      maxTokenAge: `${Math.floor(check.maxAgeMs / 1000)}s`,
      clockTolerance: `${CLOCK_SKEW_MS / 1000}s`,
      currentDate: new Date(check.now),
    });
    return userFrom(payload.sub, payload, 'sub');
  } catch (error) {
    throw jwtProblem(error);
  }
}

function jwtProblem(error: unknown): unknown {
  if (error instanceof jose.JOSEAlgNotAllowed) return unauthorized('sso_algorithm_refused', 'The token must be signed with HS256; no other algorithm (and never "none") is accepted.');
  if (error instanceof jose.JWSSignatureVerificationFailed) return unauthorized('sso_signature_invalid', 'The token’s signature does not match this site’s single sign-on secret.');
  if (error instanceof jose.JWTExpired) return unauthorized('sso_payload_expired', 'The token has expired (its exp, or iat older than the accepted age); sign a fresh one for each page.');
  if (error instanceof jose.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return invalid('sso_claim_missing', `${FIELD}.${error.claim}`, `The token must have the "${error.claim}" claim.`);
    if (error.claim === 'iat' || error.claim === 'nbf') return unauthorized('sso_payload_not_yet_valid', `The token is dated in the future (its "${error.claim}"); check the host server’s clock.`);
    return invalid('sso_claim_invalid', `${FIELD}.${error.claim}`, `The token’s "${error.claim}" claim is invalid.`);
  }
  if (error instanceof jose.JOSEError) return invalid('sso_payload_malformed', FIELD, 'The token is not a well-formed JWT.');
  return error;
}

function checkAge(signedAt: number, check: PayloadCheck): void {
  if (signedAt > check.now + CLOCK_SKEW_MS) throw unauthorized('sso_payload_not_yet_valid', 'The payload is dated in the future; check the host server’s clock.');
  if (check.now - signedAt > check.maxAgeMs) throw unauthorized('sso_payload_expired', 'The payload has expired; sign a fresh one for each page.');
}

function userFrom(rawId: unknown, fields: Record<string, unknown>, idName: string): HostSiteUser {
  const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) ? String(rawId) : rawId;
  if (typeof id !== 'string' || id.trim() === '' || id.length > 255) {
    throw invalid('sso_user_id_missing', `${FIELD}.${idName}`, `The payload must name the user with "${idName}": their id on the host site, as text of 1 to 255 characters.`);
  }
  const text = (name: string, max: number): string | null => {
    const value = fields[name];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' || value.length > max) throw invalid('sso_field_invalid', `${FIELD}.${name}`, `The payload’s "${name}" must be text of at most ${max} characters.`);
    return value;
  };
  const verified = fields.email_verified;
  if (verified !== undefined && typeof verified !== 'boolean') throw invalid('sso_field_invalid', `${FIELD}.email_verified`, 'The payload’s "email_verified" must be true or false.');
  return { id: id.trim(), name: text('name', 200), email: text('email', 254), emailVerified: verified === true };
}
