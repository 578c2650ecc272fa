import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface ProviderAccount {
  name: string;
  email: string;
  emailVerified?: boolean;
}

/** A real OpenID Connect provider in the test process, with its own sign-in and consent pages. */
export interface TestOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Tribune as a client, once Tribune's address (and so its callback) is known. */
  registerClient(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * `oidc-provider` with its development sign-in pages: any login name signs in (as that account),
 * a consent page asks to share the profile and e-mail, and "[ Cancel ]" refuses. The accounts
 * given here carry a name and e-mail; any other login has only its name.
 */
export async function startOpenIdProvider(accounts: Record<string, ProviderAccount> = {}): Promise<TestOpenIdProvider> {
  let handler: http.RequestListener = (_request, response) => response.writeHead(503).end('not configured yet');
  const server = http.createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tribune-test';
  const clientSecret = 'tribune-test-client-secret-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    registerClient(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['test-cookie-key-0123456789'] },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        async findAccount(_ctx, sub) {
          const known = accounts[sub];
          return {
            accountId: sub,
            async claims() {
              return known ? { sub, name: known.name, email: known.email, email_verified: known.emailVerified ?? true } : { sub, name: sub };
            },
          };
        },
      });
      const callback = provider.callback();
      handler = (request, response) => void callback(request, response);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
