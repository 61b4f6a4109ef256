/** Fluent `AuthUser` builder and raw token helpers for this library's tests. */
import { SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import type { DistrictCode } from '@plass/domain';
import type { AuthUser, Role } from '../claims';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEV_SECRET } from '../config';
import type { AuthConfig } from '../config';

export const INSTITUTION_A = '4f1c2a9e-8d3b-4c7a-9e21-5b6d7f8a9c01';
export const INSTITUTION_B = '7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

export const devConfig: AuthConfig = {
  issuer: DEFAULT_ISSUER,
  audience: DEFAULT_AUDIENCE,
  jwksUrl: null,
  devSecret: DEV_SECRET,
  maxTokenLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
};

class AuthUserFactory {
  private user: AuthUser = { sub: 'user-1', roles: [], institutionIds: [], districtCode: null };

  sub(sub: string): this {
    this.user = { ...this.user, sub };
    return this;
  }

  role(...roles: Role[]): this {
    this.user = { ...this.user, roles: [...this.user.roles, ...roles] };
    return this;
  }

  institutions(...institutionIds: string[]): this {
    this.user = { ...this.user, institutionIds };
    return this;
  }

  district(districtCode: DistrictCode): this {
    this.user = { ...this.user, districtCode };
    return this;
  }

  build(): AuthUser {
    return { ...this.user, roles: [...this.user.roles], institutionIds: [...this.user.institutionIds] };
  }
}

export const authUserFactory = () => new AuthUserFactory();

/** The claims of `user` without `sub`, as `signDevToken` accepts them. */
export function withoutSub({ roles, institutionIds, districtCode }: AuthUser): Omit<AuthUser, 'sub'> {
  return { roles, institutionIds, districtCode };
}

/** One valid user per role. */
export const usersByRole: Record<Role, AuthUser> = {
  'institution-staff': authUserFactory().role('institution-staff').institutions(INSTITUTION_A).build(),
  'district-staff': authUserFactory().role('district-staff').district('030103').build(),
  intake: authUserFactory().role('intake').build(),
  admin: authUserFactory().role('admin').build(),
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs any claims, valid or not, so tests can craft the tokens the verifier must refuse. */
export async function rawToken(
  claims: JWTPayload | AuthUser,
  opts: { secret?: string; alg?: string; expiresIn?: number } = {},
): Promise<string> {
  const { secret = DEV_SECRET, alg = 'HS256', expiresIn = 600 } = opts;
  return new SignJWT({ iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, exp: nowSeconds() + expiresIn, ...claims })
    .setProtectedHeader({ alg })
    .sign(new TextEncoder().encode(secret));
}

/** An unsigned `alg: none` token, built by hand as an attacker would. */
export function unsignedToken(claims: JWTPayload | AuthUser): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, exp: nowSeconds() + 600, ...claims };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}
