/**
 * The housing service's REST contract (ARCHITECTURE.md §4, housing part): dwellings (boliger) per district
 * with their status, and the housing need each district has registered. Every body and answer is a zod
 * schema here; the service serves these routes with `@ContractRoute`, the dashboard and the tests call them
 * with the typed client (docs/decisions/0150).
 */
import { DISTRICT_CODES, HOUSING_STATUSES, HOUSING_TYPES, type HousingType } from '@plass/domain';
import { z } from 'zod';
import { housingNeedsSchema, MAX_HOUSEHOLDS_PER_TYPE } from '../events/housing-need-changed';
import { HOUSING_UNAVAILABLE_REASONS } from '../events/housing-unit-status-changed';
import { freeText } from '../free-text';
import { oneOf } from './one-of';
import { BEARER_TOKEN_PROBLEMS } from './problem';
import { named, route } from './route';

/**
 * A dwelling's optional label: the owner's reference code (e.g. `B-0412`), never an address or a name.
 * Letters A–Z, digits, `.` and `-`, at most 24 characters with at least one digit. No spaces, so a name
 * ("Kari Hansen") or an address ("Storgata 5") does not fit (docs/decisions/0022).
 */
export const HOUSING_LABEL_PATTERN = /^(?=[A-Za-z0-9.-]*[0-9])[A-Za-z0-9][A-Za-z0-9.-]{0,23}$/;

/** Why a dwelling is out of use (status `unavailable`), for the forms that set it. */
export { HOUSING_UNAVAILABLE_REASONS };
export type { HousingUnavailableReason } from '../events/housing-unit-status-changed';

/** A reservation holds a dwelling for at most this long; then it lapses back to vacant. */
export const MAX_HOUSING_RESERVATION_DAYS = 30;

const districtCode = oneOf(DISTRICT_CODES);
const housingType = oneOf(HOUSING_TYPES);
const housingStatus = oneOf(HOUSING_STATUSES);
const unavailableReason = oneOf(HOUSING_UNAVAILABLE_REASONS);
const instant = z.iso.datetime();

// ---------------------------------------------------------------------------------------------------
// Dwellings

export const HousingUnit = named(
  'HousingUnit',
  z.object({
    id: z.uuid(),
    districtCode: districtCode.describe('The owning district (bydel)'),
    type: housingType,
    label: z.string().nullable().describe("The owner's reference code, e.g. B-0412"),
    status: housingStatus,
    reason: unavailableReason.nullable().describe('Set exactly when status is unavailable'),
    reservedUntil: instant.nullable().describe('Set exactly when status is reserved'),
    sequence: z.number().int().min(1).describe('Rises by one with every change of the dwelling'),
    createdAt: instant,
    updatedAt: instant,
  }),
);
export type HousingUnitDto = z.infer<typeof HousingUnit>;

export const HousingUnitList = z.array(HousingUnit);

/** `?status=` (empty) means no filter, as in the contract's `?districtCode=&type=&status=`. */
const filter = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum([...values, ''] as const, { error: `must be one of: ${values.join(', ')}` })
    .optional()
    .describe('Empty or left out: no filter');

export const ListHousingUnitsQuery = z.strictObject({
  districtCode: filter(DISTRICT_CODES),
  type: filter(HOUSING_TYPES),
  status: filter(HOUSING_STATUSES),
});
export type ListHousingUnitsQuery = z.infer<typeof ListHousingUnitsQuery>;

const LABEL_MESSAGE =
  'must be a reference code such as B-0412 (letters A–Z, digits, . and -, at most 24, at least one digit, ' +
  'no spaces); never an address or a name';

export const RegisterHousingUnitBody = z.strictObject({
  districtCode: districtCode.describe('The owning district (bydel)'),
  type: housingType,
  label: freeText(24)
    // The pattern lets eleven digits through: freeText refuses a fødselsnummer there (ADR 0110).
    .regex(HOUSING_LABEL_PATTERN, { error: LABEL_MESSAGE })
    .optional()
    .describe(
      "The owner's reference code for the dwelling, unique within the district. Never an address or a " +
        'name: letters A–Z, digits, . and -, at most 24 characters, at least one digit, no spaces.',
    ),
});
export type RegisterHousingUnitRequest = z.infer<typeof RegisterHousingUnitBody>;

export const ChangeHousingStatusBody = z.strictObject({
  status: housingStatus.describe(
    'vacant → reserved|occupied|unavailable; reserved → vacant|occupied|unavailable; ' +
      'occupied → vacant|unavailable; unavailable → vacant. The same status again is refused (409).',
  ),
  reason: unavailableReason.optional().describe('Required when status is unavailable, refused otherwise'),
  reservedUntil: z.iso
    .datetime({ offset: true, error: 'must be a date and time like 2026-12-01T12:00:00Z' })
    .optional()
    .describe(
      `Required when status is reserved, refused otherwise: in the future, at most ${MAX_HOUSING_RESERVATION_DAYS} ` +
        'days ahead. The dwelling turns vacant again by itself then.',
    ),
});
export type ChangeHousingStatusRequest = z.infer<typeof ChangeHousingStatusBody>;

const HOUSING_UNITS = 'housing units';
const HousingUnitParams = z.object({ id: z.uuid() });

export const listHousingUnits = route({
  id: 'listHousingUnits',
  method: 'GET',
  path: '/api/housing/units',
  summary: 'Dwellings, optionally filtered by district, type and status (any role)',
  tag: HOUSING_UNITS,
  query: ListHousingUnitsQuery,
  status: 200,
  response: HousingUnitList,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS },
});

export const getHousingUnit = route({
  id: 'getHousingUnit',
  method: 'GET',
  path: '/api/housing/units/:id',
  summary: "One dwelling's current state (any role)",
  tag: HOUSING_UNITS,
  params: HousingUnitParams,
  status: 200,
  response: HousingUnit,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['HOUSING_UNIT_NOT_FOUND'] },
});

export const registerHousingUnit = route({
  id: 'registerHousingUnit',
  method: 'POST',
  path: '/api/housing/units',
  summary: 'Register a vacant dwelling (admin, or staff of the owning district)',
  tag: HOUSING_UNITS,
  body: RegisterHousingUnitBody,
  status: 201,
  response: HousingUnit,
  idempotent: true,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: ['NOT_YOUR_DISTRICT'],
    409: ['LABEL_TAKEN'],
    413: [],
    422: ['IDEMPOTENCY_KEY_REUSED'],
  },
});

export const changeHousingStatus = route({
  id: 'changeHousingStatus',
  method: 'PUT',
  path: '/api/housing/units/:id/status',
  summary: "Change a dwelling's status (admin, or staff of the owning district)",
  tag: HOUSING_UNITS,
  params: HousingUnitParams,
  body: ChangeHousingStatusBody,
  status: 200,
  response: HousingUnit,
  idempotent: true,
  problems: {
    400: ['STATUS_REQUEST_INVALID'],
    401: BEARER_TOKEN_PROBLEMS,
    403: ['NOT_YOUR_DISTRICT'],
    404: ['HOUSING_UNIT_NOT_FOUND'],
    409: ['STATUS_UNCHANGED', 'STATUS_TRANSITION_NOT_ALLOWED'],
    413: [],
    422: ['IDEMPOTENCY_KEY_REUSED'],
  },
});

// ---------------------------------------------------------------------------------------------------
// Housing need

export const HousingNeed = named(
  'HousingNeed',
  z.object({
    districtCode,
    needs: housingNeedsSchema.describe('Every housing type with its registered households'),
    total: z.number().int().min(0),
    sequence: z.number().int().min(0).describe('0 while the district has registered nothing'),
    updatedAt: instant.nullable().describe('null while the district has registered nothing'),
  }),
);
export type HousingNeedDto = z.infer<typeof HousingNeed>;

export const HousingNeedList = z.array(HousingNeed);

const HOUSEHOLDS_MESSAGE = `must be a whole number of households from 0 to ${MAX_HOUSEHOLDS_PER_TYPE}`;
const households = z
  .number({ error: HOUSEHOLDS_MESSAGE })
  .int({ error: HOUSEHOLDS_MESSAGE })
  .min(0, { error: HOUSEHOLDS_MESSAGE })
  .max(MAX_HOUSEHOLDS_PER_TYPE, { error: HOUSEHOLDS_MESSAGE });

/** Households per housing type; a type left out counts as 0. */
const needMap = z
  .strictObject(
    Object.fromEntries(HOUSING_TYPES.map((type) => [type, households.optional()])) as Record<
      HousingType,
      z.ZodOptional<typeof households>
    >,
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `${issue.keys.join(', ')} ${issue.keys.length === 1 ? 'is not a housing type' : 'are not housing types'}; ` +
            `valid types are: ${HOUSING_TYPES.join(', ')}`
          : 'must be an object of housing type → households',
    },
  )
  .refine((needs) => Object.keys(needs).length > 0, {
    error: 'must name at least one housing type (types left out count as 0)',
    // An unknown type is left out of the parsed map: its own message says enough.
    when: ({ issues }) => issues.length === 0,
  });

export const UpdateHousingNeedBody = z.strictObject({
  needs: needMap.describe(
    "The district's whole registered need, households per housing type; types left out count as 0.",
  ),
});
export type UpdateHousingNeedRequest = z.infer<typeof UpdateHousingNeedBody>;

const HOUSING_NEED = 'housing need';
const HousingNeedParams = z.object({ districtCode });

export const listHousingNeeds = route({
  id: 'listHousingNeeds',
  method: 'GET',
  path: '/api/housing/needs',
  summary: 'Registered housing need of every district, per housing type (any role)',
  tag: HOUSING_NEED,
  status: 200,
  response: HousingNeedList,
  problems: { 401: BEARER_TOKEN_PROBLEMS },
});

export const getHousingNeed = route({
  id: 'getHousingNeed',
  method: 'GET',
  path: '/api/housing/needs/:districtCode',
  summary: "One district's registered housing need (any role)",
  tag: HOUSING_NEED,
  params: HousingNeedParams,
  status: 200,
  response: HousingNeed,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS },
});

export const updateHousingNeed = route({
  id: 'updateHousingNeed',
  method: 'PUT',
  path: '/api/housing/needs/:districtCode',
  summary: "Replace a district's registered housing need (admin, or staff of that district)",
  tag: HOUSING_NEED,
  params: HousingNeedParams,
  body: UpdateHousingNeedBody,
  status: 200,
  response: HousingNeed,
  idempotent: true,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: ['NOT_YOUR_DISTRICT'],
    413: [],
    422: ['IDEMPOTENCY_KEY_REUSED'],
  },
});
