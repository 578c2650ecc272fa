import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const acme = {
  TRIBUNE_OPENID_PROVIDERS: 'acme, my-id',
  TRIBUNE_OPENID_ACME_ISSUER: 'https://id.acme.example',
  TRIBUNE_OPENID_ACME_CLIENT_ID: 'tribune',
  TRIBUNE_OPENID_ACME_CLIENT_SECRET: 's3cret',
  TRIBUNE_OPENID_ACME_NAME: 'Acme ID',
  TRIBUNE_OPENID_MY_ID_ISSUER: 'http://localhost:9000',
  TRIBUNE_OPENID_MY_ID_CLIENT_ID: 'local',
  TRIBUNE_OPENID_MY_ID_CLIENT_SECRET: 'local-secret',
};

describe('sign-in settings', () => {
  it('have single sign-on off and no OpenID provider with nothing set', () => {
    expect(loadConfig({}).signIn).toEqual({ singleSignOn: { secret: null, maxAgeMs: 3_600_000 }, openIdProviders: [] });
  });

  it('read the shared secret, its age and every listed provider', () => {
    const { signIn } = loadConfig({ ...acme, TRIBUNE_SSO_SECRET: 'x'.repeat(32), TRIBUNE_SSO_MAX_AGE: '10m' });
    expect(signIn.singleSignOn).toEqual({ secret: 'x'.repeat(32), maxAgeMs: 600_000 });
    expect(signIn.openIdProviders).toEqual([
      { id: 'acme', name: 'Acme ID', issuer: 'https://id.acme.example', clientId: 'tribune', clientSecret: 's3cret', scope: 'openid email profile' },
      { id: 'my-id', name: 'my-id', issuer: 'http://localhost:9000', clientId: 'local', clientSecret: 'local-secret', scope: 'openid email profile' },
    ]);
  });

  it('stop the start naming a short secret, a provider without its settings, and plain http to another machine', () => {
    expect(() => loadConfig({ TRIBUNE_SSO_SECRET: 'short' })).toThrow(/TRIBUNE_SSO_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ TRIBUNE_OPENID_PROVIDERS: 'acme', TRIBUNE_OPENID_ACME_ISSUER: 'https://id.acme.example' })).toThrow(
      /TRIBUNE_OPENID_ACME_CLIENT_ID, TRIBUNE_OPENID_ACME_CLIENT_SECRET must be set/,
    );
    expect(() => loadConfig({ ...acme, TRIBUNE_OPENID_ACME_ISSUER: 'http://id.acme.example' })).toThrow(/TRIBUNE_OPENID_ACME_ISSUER must be the provider's https:\/\/ address/);
    expect(() => loadConfig({ TRIBUNE_OPENID_PROVIDERS: 'Bad Id!' })).toThrow(/lower-case letters, digits and dashes/);
  });
});
