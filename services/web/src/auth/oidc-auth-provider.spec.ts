import { afterEach, describe, expect, it } from '@jest/globals';
import type { AuthConfigDto } from '@plass/contracts/rest';
import { User } from 'oidc-client-ts';
import { DEFAULT_CLAIM_NAMES, hasNoAccess } from './auth-provider';
import { OidcAuthProvider, userManagerSettings } from './oidc-auth-provider';
import { memoryStorage, unsignedJwt } from './test-tokens';

const ORIGIN = 'http://localhost:8080';
const AUTHORITY = 'http://127.0.0.1:18080/realms/plassoversikt';
const CONFIG: Extract<AuthConfigDto, { mode: 'oidc' }> = {
  mode: 'oidc',
  authority: AUTHORITY,
  clientId: 'plassoversikt-web',
  scope: 'openid',
  claims: DEFAULT_CLAIM_NAMES,
};

/** sessionStorage as oidc-client-ts leaves it after a sign-in. */
function storedUser(claims: Record<string, unknown>, expiresAt: number) {
  const storage = memoryStorage();
  const user = new User({
    access_token: unsignedJwt({ ...claims, exp: expiresAt }),
    token_type: 'Bearer',
    refresh_token: 'refresh',
    profile: { sub: String(claims.sub), iss: AUTHORITY, aud: 'plassoversikt-web', exp: expiresAt, iat: 0 },
    expires_at: expiresAt,
  });
  storage.setItem(`oidc.user:${AUTHORITY}:plassoversikt-web`, user.toStorageString());
  return storage;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('userManagerSettings', () => {
  it('asks for an authorization code with PKCE, back to the callback route, kept in sessionStorage', () => {
    const storage = memoryStorage();
    const settings = userManagerSettings(CONFIG, ORIGIN, storage);
    expect(settings).toMatchObject({
      authority: AUTHORITY,
      client_id: 'plassoversikt-web',
      response_type: 'code',
      redirect_uri: `${ORIGIN}/innlogging/tilbake`,
      post_logout_redirect_uri: `${ORIGIN}/logg-inn`,
      automaticSilentRenew: true,
      monitorSession: false,
    });
    expect(settings.disablePKCE).toBeFalsy();
  });
});

describe(OidcAuthProvider.name, () => {
  const made: OidcAuthProvider[] = [];
  const create = async (storage: Storage) => {
    const provider = await OidcAuthProvider.create(CONFIG, { origin: ORIGIN, storage });
    made.push(provider);
    return provider;
  };
  afterEach(() => made.splice(0).forEach((provider) => provider.dispose()));

  it("reads the stored user's access token as the session", async () => {
    const storage = storedUser({ sub: 'k1', roles: ['district-staff'], districtCode: '030103' }, inAnHour());
    const provider = await create(storage);
    expect(provider.current()?.user).toEqual({
      sub: 'k1',
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030103',
    });
  });

  it('has no session once the access token has expired', async () => {
    const storage = storedUser({ sub: 'k1', roles: ['intake'] }, Math.floor(Date.now() / 1000) - 5);
    const provider = await create(storage);
    expect(provider.current()).toBeNull();
  });

  it('gives a login without any of the roles a session that has no access', async () => {
    const storage = storedUser(
      { sub: 'u', roles: ['offline_access', 'default-roles-plassoversikt'] },
      inAnHour(),
    );
    const session = (await create(storage)).current();
    expect(session && hasNoAccess(session.user)).toBe(true);
  });

  it('forgets the user on sign-out', async () => {
    const storage = storedUser({ sub: 'k1', roles: ['intake'] }, inAnHour());
    const provider = await create(storage);
    provider.signOut();
    expect(provider.current()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(storage.length).toBe(0);
  });
});
