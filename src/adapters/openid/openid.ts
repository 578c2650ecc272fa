/** What an OpenID provider says about the person who signed in there. */
export interface OpenIdClaims {
  /** The provider's issuer identifier: subjects are unique only within it. */
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** What Tribune keeps between sending the reader to the provider and their coming back. */
export interface OpenIdFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** One OpenID Connect provider, as a relying party talks to it (authorization code flow with PKCE). */
export interface OpenIdProvider {
  /** The provider's sign-in page for a new flow, and the secrets its callback must match. */
  start(redirectUri: string): Promise<{ url: URL; flow: OpenIdFlow }>;
  /** Exchanges the callback's code (checking state, nonce, PKCE and the ID token) for the person's claims. */
  finish(callbackUrl: URL, flow: OpenIdFlow): Promise<OpenIdClaims>;
}

/** The provider cannot be reached or answered something a relying party must not accept. */
export class OpenIdProviderError extends Error {}
