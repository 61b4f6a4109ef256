import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { AuthConfigDto } from '@plass/contracts/rest';
import { ApiError } from '../api/client';
import { DEFAULT_CLAIM_NAMES } from './auth-provider';
import { chooseAuthProvider, fetchAuthConfig } from './choose-provider';
import { OidcAuthProvider } from './oidc-auth-provider';
import { memoryStorage, unsignedJwt } from './test-tokens';

const ORIGIN = 'http://localhost:8080';
const OIDC: AuthConfigDto = {
  mode: 'oidc',
  authority: 'http://127.0.0.1:18080/realms/plassoversikt',
  clientId: 'plassoversikt-web',
  scope: 'openid',
  claims: DEFAULT_CLAIM_NAMES,
};

describe('chooseAuthProvider', () => {
  it('makes the development provider in dev mode, reading the configured claim names', async () => {
    const storage = memoryStorage();
    storage.setItem('plassoversikt.token', unsignedJwt({ sub: 'd', rolle: ['intake'], exp: 4_000_000_000 }));
    const provider = await chooseAuthProvider(
      { mode: 'dev', claims: { ...DEFAULT_CLAIM_NAMES, roles: 'rolle' } },
      { origin: ORIGIN, storage },
    );
    expect(provider.kind).toBe('dev');
    expect(provider.current()?.user.roles).toEqual(['intake']);
  });

  it('makes the OIDC provider in oidc mode, with no session until someone signs in', async () => {
    const provider = await chooseAuthProvider(OIDC, { origin: ORIGIN, storage: memoryStorage() });
    expect(provider.kind).toBe('oidc');
    expect(provider.current()).toBeNull();
    if (provider instanceof OidcAuthProvider) provider.dispose();
  });
});

describe('fetchAuthConfig', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function answer(body: unknown) {
    const fetchMock = jest.fn((_url: string, _init?: RequestInit) =>
      Promise.resolve(
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    );
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    return fetchMock;
  }

  it('reads the mode from GET /api/auth/config', async () => {
    const fetchMock = answer(OIDC);
    await expect(fetchAuthConfig()).resolves.toEqual(OIDC);
    expect(fetchMock.mock.calls[0]?.[0]).toMatch(/\/api\/auth\/config$/);
  });

  it('refuses an answer the contract does not allow, rather than guessing a mode', async () => {
    answer({ mode: 'oidc', clientId: 'plassoversikt-web', claims: DEFAULT_CLAIM_NAMES });
    await expect(fetchAuthConfig()).rejects.toBeInstanceOf(ApiError);
    answer({ mode: 'saml', claims: DEFAULT_CLAIM_NAMES });
    await expect(fetchAuthConfig()).rejects.toBeInstanceOf(ApiError);
  });
});
