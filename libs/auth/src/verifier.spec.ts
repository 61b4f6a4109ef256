import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { AuthError } from './auth-error';
import type { AuthErrorCode } from './auth-error';
import { ROLES } from './claims';
import { isoSeconds } from './jose-errors';
import { signDevToken } from './dev-token';
import {
  devConfig,
  INSTITUTION_A,
  rawToken,
  unsignedToken,
  usersByRole,
  withoutSub,
} from './testing/auth-user.factory';
import { DEFAULT_CLAIM_MAPPING } from './config';
import type { AuthConfig } from './config';
import { createTokenVerifier } from './verifier';

const verifier = createTokenVerifier(devConfig);

async function refusal(token: string | undefined): Promise<AuthError> {
  const error: unknown = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AuthError)) throw new Error(`expected an AuthError, got ${String(error)}`);
  return error;
}

async function expectRefused(token: string | undefined, code: AuthErrorCode, message?: string | RegExp) {
  const error = await refusal(token);
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
}

describe(createTokenVerifier.name, () => {
  describe('with the development key', () => {
    it.each(ROLES)('returns the %s user a development token was signed for', async (role) => {
      const user = usersByRole[role];
      await expect(verifier.verify(await signDevToken(user, { config: devConfig }))).resolves.toEqual(user);
    });

    it('refuses a request without a token', async () => {
      await expectRefused(undefined, 'missing-token', 'no bearer token');
      await expectRefused('  ', 'missing-token');
    });

    it('refuses an expired token and says when it expired', async () => {
      const exp = Math.floor(Date.now() / 1000) - 60;
      const token = await rawToken({ ...usersByRole.intake, exp });
      await expectRefused(token, 'expired', `token expired at ${isoSeconds(exp)}`);
    });

    it('accepts a token that expired within the 5 second clock tolerance', async () => {
      const token = await rawToken({ ...usersByRole.intake, exp: Math.floor(Date.now() / 1000) - 2 });
      await expect(verifier.verify(token)).resolves.toEqual(usersByRole.intake);
    });

    it('refuses a token signed with another key', async () => {
      const token = await rawToken(usersByRole.admin, { secret: 'someone-elses-key-of-reasonable-length' });
      await expectRefused(token, 'invalid-signature', 'token signature is not valid');
    });

    it('refuses a token whose signature was tampered with', async () => {
      const token = await rawToken(usersByRole.intake);
      const [header, , signature] = token.split('.');
      const payload = Buffer.from(JSON.stringify({ ...usersByRole.admin, exp: 9_999_999_999 })).toString(
        'base64url',
      );
      await expectRefused(`${header}.${payload}.${signature}`, 'invalid-signature');
    });

    it('refuses an unsigned alg none token', async () => {
      await expectRefused(
        unsignedToken(usersByRole.admin),
        'invalid-signature',
        'token is signed with alg "none", accepted: HS256',
      );
    });

    it('refuses an HMAC algorithm other than HS256 even with the right key', async () => {
      await expectRefused(await rawToken(usersByRole.admin, { alg: 'HS512' }), 'invalid-signature');
    });

    it('refuses a token for another audience and names both', async () => {
      const token = await rawToken({ ...usersByRole.intake, aud: 'some-other-app' });
      await expectRefused(
        token,
        'wrong-audience',
        'token audience is "some-other-app", expected "plassoversikt"',
      );
    });

    it('refuses a token from another issuer and names both', async () => {
      const token = await rawToken({ ...usersByRole.intake, iss: 'https://evil.example' });
      await expectRefused(
        token,
        'wrong-issuer',
        'token issuer is "https://evil.example", expected "plassoversikt-local"',
      );
    });

    it('refuses a token without exp or sub', async () => {
      await expectRefused(
        await rawToken(withoutSub(usersByRole.intake)),
        'invalid-claims',
        'token has no sub claim',
      );
      await expectRefused(
        await rawToken({ ...usersByRole.intake, exp: undefined }),
        'invalid-claims',
        'token has no exp claim',
      );
    });

    it('refuses a token that lives longer than the maximum lifetime, by exp - iat, and says so', async () => {
      const iat = Math.floor(Date.now() / 1000);
      await expectRefused(
        await rawToken({ ...usersByRole.intake, iat, exp: iat + 43_201 }),
        'invalid-claims',
        /token lives 43201 s .*more than the maximum token lifetime of 43200 s \(12 h\)/,
      );
      // Exactly the maximum is allowed.
      await expect(
        verifier.verify(await rawToken({ ...usersByRole.intake, iat, exp: iat + 43_200 })),
      ).resolves.toEqual(usersByRole.intake);
    });

    it('refuses an exp in the year 9999, with or without iat', async () => {
      const exp = 253_402_300_799; // 9999-12-31T23:59:59Z
      const iat = Math.floor(Date.now() / 1000);
      await expectRefused(
        await rawToken({ ...usersByRole.admin, exp }),
        'invalid-claims',
        /token expires at 9999-12-31T23:59:59Z, .* more than the maximum token lifetime/,
      );
      await expectRefused(
        await rawToken({ ...usersByRole.admin, iat, exp }),
        'invalid-claims',
        /more than the maximum token lifetime/,
      );
    });

    it('refuses a token without iat that expires further ahead than the maximum, and one issued in the future', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(
        await rawToken({ ...usersByRole.intake, exp: now + 13 * 3600 }),
        'invalid-claims',
        /more than the maximum/,
      );
      await expect(
        verifier.verify(await rawToken({ ...usersByRole.intake, exp: now + 11 * 3600 })),
      ).resolves.toEqual(usersByRole.intake);
      // A short exp - iat does not help when iat is set ahead: the token would still live for years.
      await expectRefused(
        await rawToken({
          ...usersByRole.intake,
          iat: now + 10 * 365 * 86_400,
          exp: now + 10 * 365 * 86_400 + 60,
        }),
        'invalid-claims',
        /issued in the future/,
      );
    });

    it('honours a configured maximum lifetime (AUTH_MAX_TOKEN_LIFETIME_S)', async () => {
      const strict = createTokenVerifier({ ...devConfig, maxTokenLifetimeSeconds: 300 });
      const iat = Math.floor(Date.now() / 1000);
      await expect(
        strict.verify(await rawToken({ ...usersByRole.intake, iat, exp: iat + 300 })),
      ).resolves.toEqual(usersByRole.intake);
      await expect(
        strict.verify(await rawToken({ ...usersByRole.intake, iat, exp: iat + 301 })),
      ).rejects.toThrow(/more than the maximum token lifetime of 300 s/);
    });

    it('refuses a token that is not valid yet', async () => {
      const nbf = Math.floor(Date.now() / 1000) + 3600;
      await expectRefused(
        await rawToken({ ...usersByRole.intake, nbf }),
        'invalid-claims',
        `not valid before ${isoSeconds(nbf)}`,
      );
    });

    it('refuses something that is not a JWT', async () => {
      await expectRefused('not-a-token', 'malformed', /^token is malformed/);
    });

    it.each([
      ['missing roles', { sub: 'u' }, /roles must be a non-empty array/],
      ['empty roles', { sub: 'u', roles: [] }, /roles must be a non-empty array/],
      ['an unknown role', { sub: 'u', roles: ['intake', 'superuser'] }, /unknown role "superuser"/],
      ['district-staff without a district', { sub: 'u', roles: ['district-staff'] }, /needs a districtCode/],
      [
        'an unknown district',
        { sub: 'u', roles: ['district-staff'], districtCode: '039999' },
        /not an Oslo district/,
      ],
      [
        'institution-staff without institutions',
        { sub: 'u', roles: ['institution-staff'] },
        /needs at least one/,
      ],
      [
        'an institution id that is not a uuid',
        { sub: 'u', roles: ['institution-staff'], institutionIds: ['42'] },
        /uuids/,
      ],
      ['an empty sub', { sub: '', roles: ['intake'] }, /sub must be a non-empty string/],
    ])('refuses a token with %s', async (_case, claims, message) => {
      await expectRefused(await rawToken(claims), 'invalid-claims', message);
    });

    it('normalises institution ids to lower case', async () => {
      const token = await rawToken({
        sub: 'u',
        roles: ['institution-staff'],
        institutionIds: [INSTITUTION_A.toUpperCase()],
      });
      await expect(verifier.verify(token)).resolves.toMatchObject({ institutionIds: [INSTITUTION_A] });
    });
  });

  describe('with an OIDC JWKS endpoint', () => {
    let server: Server;
    let jwksUrl: string;
    let privateKey: CryptoKey;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const rs256 = (key: CryptoKey) =>
      new SignJWT({ ...usersByRole.intake })
        .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
        .setIssuer(devConfig.issuer)
        .setAudience(devConfig.audience)
        .setExpirationTime('5m')
        .sign(key);

    it('accepts an RS256 token signed with a published key', async () => {
      const jwksVerifier = createTokenVerifier({ ...devConfig, jwksUrl, devSecret: null });
      await expect(jwksVerifier.verify(await rs256(privateKey))).resolves.toEqual(usersByRole.intake);
    });

    it('refuses an RS256 token signed with a key it does not publish', async () => {
      const jwksVerifier = createTokenVerifier({ ...devConfig, jwksUrl, devSecret: null });
      const stranger = await generateKeyPair('RS256');
      const error: unknown = await jwksVerifier
        .verify(await rs256(stranger.privateKey))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid-signature' });
    });

    it('refuses an HS256 token, even one signed with the development key', async () => {
      const jwksVerifier = createTokenVerifier({ ...devConfig, jwksUrl });
      const error: unknown = await jwksVerifier
        .verify(await rawToken(usersByRole.admin))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'invalid-signature',
        message: 'token is signed with alg "HS256", accepted: RS256, ES256',
      });
    });
  });

  describe('with several issuers (AUTH_ISSUERS)', () => {
    let server: Server;
    let base: string;
    const keys: Record<string, { privateKey: CryptoKey }> = {};
    const KEYCLOAK = 'http://127.0.0.1:8180/realms/plassoversikt';
    const ENTRA = 'https://login.microsoftonline.com/tenant/v2.0';

    beforeAll(async () => {
      const published: Record<string, unknown> = {};
      for (const name of ['keycloak', 'entra']) {
        const pair = await generateKeyPair('RS256');
        keys[name] = { privateKey: pair.privateKey };
        published[`/${name}`] = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: name, alg: 'RS256' }] };
      }
      server = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(published[req.url ?? ''] ?? { keys: [] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const config = (): AuthConfig => ({
      ...devConfig,
      // The global mapping applies to JWKS issuers without their own, never to the development key.
      mapping: { ...DEFAULT_CLAIM_MAPPING, roles: 'realm_access.roles' },
      issuers: [
        {
          issuer: KEYCLOAK,
          audience: 'plassoversikt',
          jwksUrl: `${base}/keycloak`,
          mapping: { ...DEFAULT_CLAIM_MAPPING, roles: 'realm_access.roles' },
        },
        {
          issuer: ENTRA,
          audience: 'api://plassoversikt',
          jwksUrl: `${base}/entra`,
          mapping: { ...DEFAULT_CLAIM_MAPPING, roleMap: { 'Plass.Inntak': 'intake' } },
        },
      ],
    });

    const signed = (
      claims: Record<string, unknown>,
      o: { key: string; kid?: string; iss: string; aud: string },
    ) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? o.key })
        .setSubject('staff-1')
        .setIssuer(o.iss)
        .setAudience(o.aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(keys[o.key].privateKey);

    it("verifies each token with the keys of the issuer its iss names, and maps that issuer's claims", async () => {
      const multi = createTokenVerifier(config());
      const keycloakToken = await signed(
        { realm_access: { roles: ['district-staff'] }, districtCode: '030103' },
        { key: 'keycloak', iss: KEYCLOAK, aud: 'plassoversikt' },
      );
      await expect(multi.verify(keycloakToken)).resolves.toEqual({
        sub: 'staff-1',
        roles: ['district-staff'],
        institutionIds: [],
        districtCode: '030103',
      });
      const entraToken = await signed(
        { roles: ['Plass.Inntak', 'Other.App'] },
        { key: 'entra', iss: ENTRA, aud: 'api://plassoversikt' },
      );
      await expect(multi.verify(entraToken)).resolves.toMatchObject({ roles: ['intake'] });
      // The development key still works beside them, with our own claim names.
      const user = usersByRole.admin;
      await expect(multi.verify(await signDevToken(user, { config: devConfig }))).resolves.toEqual(user);
    });

    it('refuses a token whose iss no configured issuer has, naming every one', async () => {
      const multi = createTokenVerifier(config());
      const token = await signed(
        { roles: ['admin'] },
        { key: 'keycloak', iss: 'https://evil.example', aud: 'plassoversikt' },
      );
      const error: unknown = await multi.verify(token).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'wrong-issuer',
        message: `token issuer is "https://evil.example", expected one of "plassoversikt-local", "${KEYCLOAK}", "${ENTRA}"`,
      });
    });

    it("refuses a token signed with another issuer's key, or with the development key under a JWKS issuer's name", async () => {
      const multi = createTokenVerifier(config());
      const crossed = await signed(
        { realm_access: { roles: ['admin'] } },
        { key: 'entra', kid: 'keycloak', iss: KEYCLOAK, aud: 'plassoversikt' },
      );
      await expect(multi.verify(crossed)).rejects.toMatchObject({ code: 'invalid-signature' });
      const hs256 = await rawToken({ ...usersByRole.admin, iss: KEYCLOAK });
      await expect(multi.verify(hs256)).rejects.toMatchObject({
        code: 'invalid-signature',
        message: 'token is signed with alg "HS256", accepted: RS256, ES256',
      });
    });

    it("checks each issuer's own audience", async () => {
      const multi = createTokenVerifier(config());
      const token = await signed(
        { roles: ['Plass.Inntak'] },
        { key: 'entra', iss: ENTRA, aud: 'plassoversikt' },
      );
      await expect(multi.verify(token)).rejects.toMatchObject({
        code: 'wrong-audience',
        message: 'token audience is "plassoversikt", expected "api://plassoversikt"',
      });
    });

    it('refuses a token of a known issuer with no role its role map knows', async () => {
      const multi = createTokenVerifier(config());
      const token = await signed(
        { roles: ['Other.App'] },
        { key: 'entra', iss: ENTRA, aud: 'api://plassoversikt' },
      );
      await expect(multi.verify(token)).rejects.toMatchObject({
        code: 'invalid-claims',
        message: expect.stringMatching(/has no role this service knows \(it has \["Other.App"\]/) as unknown,
      });
    });

    it('calls a token that is not a JWT malformed before looking for its issuer', async () => {
      await expect(createTokenVerifier(config()).verify('not-a-jwt')).rejects.toMatchObject({
        code: 'malformed',
      });
    });
  });

  it('will not start without a way to check signatures', () => {
    expect(() => createTokenVerifier({ ...devConfig, devSecret: null })).toThrow(/jwksUrl or a devSecret/);
  });
});
