/**
 * Tokens an attacker could present: unsigned, expired, signed with another key or algorithm, for another
 * audience or issuer, with claims nobody issues. Each names the refusal code the auth library gives it.
 */
import { SignJWT } from 'jose';
import { authConfigFromEnv, signDevToken, type AuthErrorCode, type DevTokenUser } from '@plass/auth';

const config = authConfigFromEnv();
const devKey = () => new TextEncoder().encode(config.devSecret ?? '');

export const ADMIN: DevTokenUser = { roles: ['admin'], institutionIds: [], districtCode: null };

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface SignOptions {
  secret?: Uint8Array;
  alg?: 'HS256' | 'HS384' | 'HS512';
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for a token that has run out. */
  expiresIn?: number | null;
  notBeforeIn?: number;
}

/** Any claims, signed however the options say; the defaults make a token the gateway accepts. */
export async function craftToken(
  claims: Record<string, unknown>,
  options: SignOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(typeof claims.sub === 'string' ? claims.sub : 'attacker')
    .setIssuer(options.issuer ?? config.issuer)
    .setAudience(options.audience ?? config.audience)
    .setIssuedAt(now - 3600);
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
  if (options.notBeforeIn !== undefined) jwt.setNotBefore(now + options.notBeforeIn);
  return jwt.sign(options.secret ?? devKey());
}

/** `alg: none`: a header and claims with an empty signature, as no library would sign it. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: config.issuer, aud: config.audience, iat: now, exp: now + 3600, ...claims };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

export interface BadToken {
  name: string;
  /** undefined: no Authorization header at all. */
  token: string | undefined;
  code: AuthErrorCode;
}

/** Every way a token is refused, each claiming to be an admin so that only the token itself is at fault. */
export async function badTokens(): Promise<BadToken[]> {
  const admin = { sub: 'attacker', roles: ['admin'], institutionIds: [], districtCode: null };
  const otherKey = new TextEncoder().encode('another-key-that-the-gateway-has-never-heard-of-0123456789');
  return [
    { name: 'no token', token: undefined, code: 'missing-token' },
    { name: 'an expired token', token: await craftToken(admin, { expiresIn: -600 }), code: 'expired' },
    {
      name: 'a token signed with another key',
      token: await craftToken(admin, { secret: otherKey }),
      code: 'invalid-signature',
    },
    { name: 'an unsigned token (alg: none)', token: unsignedToken(admin), code: 'invalid-signature' },
    {
      name: 'a token signed with the right key but HS512',
      token: await craftToken(admin, { alg: 'HS512' }),
      code: 'invalid-signature',
    },
    {
      name: 'a token for another audience',
      token: await craftToken(admin, { audience: 'some-other-api' }),
      code: 'wrong-audience',
    },
    {
      name: 'a token from another issuer',
      token: await craftToken(admin, { issuer: 'https://evil.example' }),
      code: 'wrong-issuer',
    },
    {
      name: 'a token with a role nobody issues',
      token: await craftToken({ ...admin, roles: ['superuser'] }),
      code: 'invalid-claims',
    },
    {
      name: 'a token that never expires',
      token: await craftToken(admin, { expiresIn: null }),
      code: 'invalid-claims',
    },
    {
      name: 'a token that expires in the year 9999',
      token: await craftToken(admin, { expiresIn: 253_402_300_799 - Math.floor(Date.now() / 1000) }),
      code: 'invalid-claims',
    },
    {
      // iat an hour ago, exp 12 h from now: 13 h, more than the 12 h maximum lifetime.
      name: 'a token that lives longer than the maximum lifetime',
      token: await craftToken(admin, { expiresIn: 12 * 3600 }),
      code: 'invalid-claims',
    },
    {
      name: 'a token not valid until tomorrow',
      token: await craftToken(admin, { notBeforeIn: 86_400 }),
      code: 'invalid-claims',
    },
    {
      name: 'a district-staff token without its district',
      token: await craftToken({ sub: 'attacker', roles: ['district-staff'] }),
      code: 'invalid-claims',
    },
    { name: 'a token that is not a JWT', token: "' OR 1=1--", code: 'malformed' },
  ];
}

/** A development token for `user` under a subject of the test's choosing (rate limits count per subject). */
export function tokenFor(user: DevTokenUser, sub?: string): Promise<string> {
  return signDevToken({ ...user, ...(sub ? { sub } : {}) });
}
