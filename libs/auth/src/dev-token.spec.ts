import { decodeJwt, decodeProtectedHeader } from 'jose';
import { signDevToken } from './dev-token';
import { devConfig, usersByRole, withoutSub } from './testing/auth-user.factory';

describe(signDevToken.name, () => {
  const originalNodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = originalNodeEnv;
  });

  it('signs HS256 with the configured issuer and audience, valid for 12 hours by default', async () => {
    const token = await signDevToken(usersByRole['district-staff'], { config: devConfig });
    const claims = decodeJwt(token);
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    expect(claims).toMatchObject({ iss: devConfig.issuer, aud: devConfig.audience, districtCode: '030103' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 60 * 60);
  });

  it('names the subject dev-<role> when none is given, and honours ttlSeconds', async () => {
    const claims = decodeJwt(
      await signDevToken(withoutSub(usersByRole.intake), { config: devConfig, ttlSeconds: 60 }),
    );
    expect(claims.sub).toBe('dev-intake');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60);
  });

  it('refuses a lifetime past the configured maximum, which the verifier would refuse', async () => {
    await expect(
      signDevToken(usersByRole.intake, {
        config: { ...devConfig, maxTokenLifetimeSeconds: 600 },
        ttlSeconds: 601,
      }),
    ).rejects.toThrow(/more than the maximum token lifetime of 600 s/);
    const claims = decodeJwt(
      await signDevToken(usersByRole.intake, { config: { ...devConfig, maxTokenLifetimeSeconds: 600 } }),
    );
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
  });

  it('refuses to sign claims the verifier would refuse', async () => {
    const user = { ...usersByRole['district-staff'], districtCode: null };
    await expect(signDevToken(user, { config: devConfig })).rejects.toThrow(/needs a districtCode/);
  });

  it('refuses to sign when NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    await expect(signDevToken(usersByRole.admin, { config: devConfig })).rejects.toThrow(
      /NODE_ENV=production/,
    );
  });

  it('refuses when the configuration has no development key', async () => {
    await expect(
      signDevToken(usersByRole.admin, { config: { ...devConfig, devSecret: null } }),
    ).rejects.toThrow(/AUTH_DEV_SECRET/);
  });
});
