import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';

export const SSO_SECRET = 'host-site-shared-secret-0123456789abcdef';

export interface HostSiteUser {
  id: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
}

/** What a host site's server does, as docs/single-sign-on.md shows: HMAC-SHA256 over base64 JSON and a timestamp. */
export function signHmacPayload(user: HostSiteUser, options: { secret?: string; at?: number } = {}): string {
  const message = Buffer.from(JSON.stringify(user)).toString('base64');
  const timestamp = Math.floor((options.at ?? Date.now()) / 1000);
  const signature = createHmac('sha256', options.secret ?? SSO_SECRET).update(`${message} ${timestamp}`).digest('hex');
  return `${message} ${signature} ${timestamp}`;
}

/** The same user as an HS256 JWT, the other form docs/single-sign-on.md shows. */
export async function signJwtPayload(user: HostSiteUser, options: { secret?: string; at?: number } = {}): Promise<string> {
  const { id, ...claims } = user;
  const at = Math.floor((options.at ?? Date.now()) / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(id)
    .setIssuedAt(at)
    .setExpirationTime(at + 600)
    .sign(new TextEncoder().encode(options.secret ?? SSO_SECRET));
}
