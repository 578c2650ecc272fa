import * as client from 'openid-client';
import { isLoopback, type OpenIdProviderSettings } from '../../services/sign-in-settings.js';
import { OpenIdProviderError, type OpenIdClaims, type OpenIdFlow, type OpenIdProvider } from './openid.js';

const TIMEOUT_S = 10;

/**
 * A provider through `openid-client`: its endpoints and keys come from discovery, fetched on first
 * use and kept; a failed discovery is tried again on the next sign-in rather than at start-up, so a
 * provider that is down does not stop Tribune.
 */
export class OpenIdClientProvider implements OpenIdProvider {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(private readonly settings: OpenIdProviderSettings) {}

  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.settings.issuer);
      this.configuration = client
        .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
          timeout: TIMEOUT_S,
          // Plain http only reaches a provider on this machine (settings refuse it elsewhere).
          ...(issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .catch((error: unknown) => {
          this.configuration = null;
          throw new OpenIdProviderError(`discovery at ${this.settings.issuer} failed: ${(error as Error).message}`, { cause: error });
        });
    }
    return this.configuration;
  }

  async start(redirectUri: string): Promise<{ url: URL; flow: OpenIdFlow }> {
    const configuration = await this.discover();
    const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scope,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  }

  async finish(callbackUrl: URL, flow: OpenIdFlow): Promise<OpenIdClaims> {
    const configuration = await this.discover();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new OpenIdProviderError(`the code exchange with ${this.settings.issuer} failed: ${(error as Error).message}`, { cause: error });
    }
    const idToken = tokens.claims()!;
    let claims: Record<string, unknown> = idToken;
    // Many providers put only `sub` in the ID token and the profile behind the userinfo endpoint.
    if ((idToken.name === undefined || idToken.email === undefined) && configuration.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
      } catch (error) {
        throw new OpenIdProviderError(`the userinfo request to ${this.settings.issuer} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : null,
    };
  }
}
