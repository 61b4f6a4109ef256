/**
 * The routes the gateway serves itself under /api (everything else under /api it passes on to the
 * service that owns it): how the dashboard signs in, development sign-in and the AsyncAPI document. All
 * are public. The AsyncAPI
 * page and its stylesheet (`/api/asyncapi`, `/api/asyncapi.css`) are for people and not part of the
 * contract (docs/decisions/0152).
 */
import { DISTRICT_CODES, ROLES } from '@plass/domain';
import { z } from 'zod';
import { asyncApiDocumentSchema } from '../asyncapi/document';
import { oneOf } from './one-of';
import { named, route } from './route';

const UUID_LIST_MESSAGE = 'must be an array of uuids';

/** `POST /api/dev/token`: who the development token is for (the claims of ARCHITECTURE.md §6). */
export const DevTokenBody = z.strictObject({
  role: oneOf(ROLES),
  districtCode: oneOf(DISTRICT_CODES, 'must be an Oslo district code, e.g. 030103')
    .optional()
    .describe('Required for district-staff'),
  institutionIds: z
    .array(z.guid({ error: UUID_LIST_MESSAGE }), { error: UUID_LIST_MESSAGE })
    .max(50, { error: 'may hold at most 50 ids' })
    .optional()
    .describe('Required for institution-staff'),
});
export type DevTokenRequest = z.infer<typeof DevTokenBody>;

export const DevToken = named(
  'DevToken',
  z.object({ token: z.string().describe('A bearer token signed with the local development key') }),
);
export type DevTokenResponse = z.infer<typeof DevToken>;

export const requestDevToken = route({
  id: 'requestDevToken',
  method: 'POST',
  path: '/api/dev/token',
  summary: 'A development token for a role (not available when NODE_ENV=production)',
  tag: 'development',
  body: DevTokenBody,
  status: 200,
  response: DevToken,
  public: true,
  // 413 and 429 come from the gateway's own limits on every /api write (security/, ADR 0080).
  problems: { 400: ['INVALID_TOKEN_REQUEST'], 413: ['BODY_TOO_LARGE'], 429: ['RATE_LIMITED'] },
});

export const AsyncApiDocumentResponse = named('AsyncApiDocument', asyncApiDocumentSchema);

export const getAsyncApiDocument = route({
  id: 'getAsyncApiDocument',
  method: 'GET',
  path: '/api/asyncapi.json',
  summary: 'The AsyncAPI 3.0 document of every Kafka topic (its page for people is /api/asyncapi)',
  tag: 'documentation',
  status: 200,
  response: AsyncApiDocumentResponse,
  public: true,
  // The gateway refuses any request whose declared body is over its limit, a GET as well (ADR 0080).
  problems: { 413: ['BODY_TOO_LARGE'] },
});

/**
 * Where the token keeps the claims the dashboard reads for display and navigation (ARCHITECTURE.md §6):
 * the services' own mapping for the sign-in issuer (AUTH_CLAIM_*, AUTH_ROLE_MAP, or its AUTH_ISSUERS entry).
 */
export const AuthClaimNames = z.object({
  roles: z.string().min(1).describe('The claim (or dotted path) with the list of roles'),
  institutionIds: z.string().min(1).describe('The claim with the institution ids of institution staff'),
  districtCode: z.string().min(1).describe('The claim with the district code of district staff'),
  roleMap: z
    .record(z.string(), oneOf(ROLES))
    .optional()
    .describe("The provider's role values to ours; only the values it maps count"),
});
export type AuthClaimNamesDto = z.infer<typeof AuthClaimNames>;

/**
 * `GET /api/auth/config`: how the dashboard signs in. `dev` is the development sign-in
 * (`POST /api/dev/token`, never in production); `oidc` is authorization code with PKCE at `authority`.
 */
export const AuthConfig = named(
  'AuthConfig',
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('dev'), claims: AuthClaimNames }),
    z.object({
      mode: z.literal('oidc'),
      authority: z.url().describe('The OpenID Connect issuer; its discovery document is under it'),
      clientId: z.string().min(1).describe('The public client of the dashboard'),
      scope: z.string().min(1).describe('Scopes asked for, space-separated; always with openid'),
      claims: AuthClaimNames,
    }),
  ]),
);
export type AuthConfigDto = z.infer<typeof AuthConfig>;

export const getAuthConfig = route({
  id: 'getAuthConfig',
  method: 'GET',
  path: '/api/auth/config',
  summary: 'How the dashboard signs in: the development sign-in, or OpenID Connect and where',
  tag: 'authentication',
  status: 200,
  response: AuthConfig,
  public: true,
  // The gateway refuses any request whose declared body is over its limit, a GET as well (ADR 0080).
  problems: { 413: ['BODY_TOO_LARGE'] },
});
