/**
 * The institution service's REST contract (ARCHITECTURE.md §4, docs/decisions/0014 and 0150): every
 * payload as a zod schema, every route as a `route({...})`. The service serves these (`@ContractRoute`),
 * the dashboard, tests, bench and tools call them through `contractClient`; nothing else describes them.
 */
import {
  BLOCK_REASONS,
  CORRECTION_REASONS,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  PROVIDER_TYPES,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import { unitFeaturesInputSchema, unitFeaturesSchema } from '../events/unit-occupancy-changed';
import { freeText, MAX_NAME_LENGTH } from '../free-text';
import { BEARER_TOKEN_PROBLEMS, UNCODED } from './problem';
import { named, route, type ProblemStatus, type RouteContract } from './route';

// ---------------------------------------------------------------------------------------------------
// Shared rules
// ---------------------------------------------------------------------------------------------------

/** Why a unit's approved places change; no free text, so nothing personal can slip in. */
export const CAPACITY_CHANGE_REASONS = [
  'decision',
  'contract-change',
  'reorganisation',
  'correction',
] as const;
export type CapacityChangeReason = (typeof CAPACITY_CHANGE_REASONS)[number];

/** Upper bound of every count a person types (capacity, places, census): ADR 0014. */
export const MAX_UNIT_PLACES = 1000;

const districtCode = z.enum(DISTRICT_CODES);
const instant = z.iso.datetime().describe('ISO 8601 date and time in UTC');
/** A count a person types: a JSON number (`"8"` is refused), whole, within the bounds. */
const places = (min: number) => z.number().int().min(min).max(MAX_UNIT_PLACES);
/** A date and time a person types for the future; its window is checked by the service (ADR 0012). */
const futureInstant = (example: string) =>
  z.iso.datetime({
    offset: true,
    error: `must be a date and time with a time zone, like ${example}`,
  });
/**
 * When a change took effect, if earlier than now (ADR 0212, 0213): ISO 8601 with an offset, or the wall
 * clock in Oslo without one (`2026-11-23T02:30`), as the import takes it (ARCHITECTURE.md §12). Not in the
 * future; within the back-dating window (institution staff: BACKDATE_WINDOW_DAYS, admin: no limit).
 */
const effectiveTime = (what: string) =>
  z.iso
    .datetime({
      offset: true,
      local: true,
      error: 'must be a date and time like 2026-11-23T02:30:00+01:00, or 2026-11-23T02:30 (Oslo time)',
    })
    .meta({
      description:
        `${what}, if earlier than now: ISO 8601 with an offset, or Oslo time without one. ` +
        'Omitted: now. Institution staff may go back at most BACKDATE_WINDOW_DAYS (default 7), admin without limit',
    });
/** Outside the back-dating window (ADR 0213): 403 with this code. */
const OUTSIDE_BACKDATE_WINDOW = 'OUTSIDE_BACKDATE_WINDOW';
/** A name: safe free text (ADR 0110), at most MAX_NAME_LENGTH. */
const name = freeText(MAX_NAME_LENGTH).meta({
  description: 'Free text without control characters or a national identity number (ADR 0110)',
  maxLength: MAX_NAME_LENGTH,
});

const unitParams = z.object({ unitId: z.uuid() });
const institutionParams = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------------

export const Unit = named(
  'Unit',
  z.object({
    id: z.uuid(),
    institutionId: z.uuid(),
    name: z.string(),
    category: z.enum(SERVICE_CATEGORY_CODES),
    features: unitFeaturesSchema,
    capacity: z.number().int().nonnegative().describe('Approved places'),
    occupied: z.number().int().nonnegative(),
    blocked: z.number().int().nonnegative().describe('Places out of use'),
    reserved: z.number().int().nonnegative().describe('Places held for referrals'),
    available: z
      .number()
      .int()
      .describe('capacity − occupied − blocked − reserved; negative means overcapacity'),
    closed: z.boolean(),
    sequence: z
      .number()
      .int()
      .min(1)
      .describe('Rises by one with every change; send it as If-Match with a census'),
    updatedAt: instant,
  }),
);
export type UnitDto = z.infer<typeof Unit>;

export const Institution = named(
  'Institution',
  z.object({
    id: z.uuid(),
    name: z.string(),
    providerType: z.enum(PROVIDER_TYPES),
    districtCode,
    units: z.array(Unit),
  }),
);
export type InstitutionDto = z.infer<typeof Institution>;

export const AdmissionResult = named(
  'AdmissionResult',
  z.object({
    stayId: z.uuid().describe('The random id of the new stay; keep it for the discharge'),
    unit: Unit,
  }),
);
export type AdmissionResultDto = z.infer<typeof AdmissionResult>;

/** A write that answers with the unit's resulting state (discharge, unblock, capacity, census, close). */
export const UnitResult = named('UnitResult', z.object({ unit: Unit }));
export type UnitResultDto = z.infer<typeof UnitResult>;

export const BlockResult = named('BlockResult', z.object({ blockId: z.uuid(), unit: Unit }));
export type BlockResultDto = z.infer<typeof BlockResult>;

export const ReservationResult = named(
  'ReservationResult',
  z.object({ reservationId: z.uuid(), unit: Unit }),
);
export type ReservationResultDto = z.infer<typeof ReservationResult>;

/** Places out of use; `reason` is null for places blocked by a census report. */
export const Block = named(
  'Block',
  z.object({
    id: z.uuid(),
    unitId: z.uuid(),
    places: z.number().int().min(1),
    reason: z.enum(BLOCK_REASONS).nullable().describe('null when blocked by a census report'),
    until: instant.nullable().describe('Released automatically at this time; null: until lifted'),
    createdAt: instant,
  }),
);
export type BlockDto = z.infer<typeof Block>;

/** A place held for a referral from a district until it expires. */
export const Reservation = named(
  'Reservation',
  z.object({
    id: z.uuid(),
    unitId: z.uuid(),
    districtCode,
    expiresAt: instant.describe('Expires automatically at this time'),
    createdAt: instant,
  }),
);
export type ReservationDto = z.infer<typeof Reservation>;

/**
 * An open stay: a random id, the referring district and dates; never anything about the person.
 * `plannedDischargeDate` is a calendar date (`2026-12-20`) or null; the old OpenAPI model documented it
 * as an object (issue 13).
 */
export const Stay = named(
  'Stay',
  z.object({
    stayId: z.uuid(),
    unitId: z.uuid(),
    referringDistrictCode: districtCode,
    admittedAt: instant,
    plannedDischargeDate: z.iso.date().nullable().describe('YYYY-MM-DD, or null when none was planned'),
  }),
);
export type StayDto = z.infer<typeof Stay>;

const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

/**
 * The problems of every write route (a JSON body, a bearer token, a role, an Idempotency-Key) and the
 * route's own: 400, 401, 403 (role), 413 (body too large), 422 `IDEMPOTENCY_KEY_REUSED`, plus `own` by status.
 */
function writeProblems(own: Partial<Record<ProblemStatus, readonly string[]>>): RouteContract['problems'] {
  return {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [],
    413: [],
    ...own,
    422: [IDEMPOTENCY_KEY_REUSED, ...(own[422] ?? [])],
  };
}

// ---------------------------------------------------------------------------------------------------
// Registry (admin writes, any role reads)
// ---------------------------------------------------------------------------------------------------

export const listInstitutions = route({
  id: 'listInstitutions',
  method: 'GET',
  path: '/api/institutions',
  summary: 'Every institution with its units and their current counts (any role)',
  tag: 'registry',
  status: 200,
  response: z.array(Institution),
  problems: { 401: BEARER_TOKEN_PROBLEMS },
});

export const getInstitution = route({
  id: 'getInstitution',
  method: 'GET',
  path: '/api/institutions/:id',
  summary: 'One institution with its units (any role)',
  tag: 'registry',
  params: institutionParams,
  status: 200,
  response: Institution,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['INSTITUTION_NOT_FOUND'] },
});

export const getUnit = route({
  id: 'getUnit',
  method: 'GET',
  path: '/api/units/:unitId',
  summary: "A unit's current state (any role); the ETag header is its sequence, for If-Match on a census",
  tag: 'registry',
  params: unitParams,
  status: 200,
  response: Unit,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['UNIT_NOT_FOUND'] },
});

export const registerInstitution = route({
  id: 'registerInstitution',
  method: 'POST',
  path: '/api/institutions',
  summary: 'Register an institution (admin)',
  tag: 'registry',
  body: z.strictObject({
    name,
    providerType: z.enum(PROVIDER_TYPES),
    districtCode,
  }),
  status: 201,
  response: Institution,
  idempotent: true,
  problems: writeProblems({ 409: ['NAME_TAKEN'] }),
});
export type RegisterInstitutionBody = z.infer<typeof registerInstitution.body>;

export const registerUnit = route({
  id: 'registerUnit',
  method: 'POST',
  path: '/api/institutions/:id/units',
  summary: 'Register a unit of an institution (admin); event `registered`',
  tag: 'registry',
  params: institutionParams,
  body: z.strictObject({
    name,
    category: z.enum(SERVICE_CATEGORY_CODES),
    capacity: places(0).describe('Approved places'),
    features: unitFeaturesInputSchema.default([]),
    openedAt: effectiveTime('When the unit opened').optional(),
  }),
  status: 201,
  response: Unit,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    404: ['INSTITUTION_NOT_FOUND'],
    409: ['NAME_TAKEN'],
  }),
});
export type RegisterUnitBody = z.infer<typeof registerUnit.body>;

/** `PATCH /api/institutions/:id` and `PATCH /api/units/:unitId`: the new name, nothing else (ADR 0111). */
export const RenameBody = named('RenameBody', z.strictObject({ name }));
export type RenameBody = z.infer<typeof RenameBody>;

export const renameInstitution = route({
  id: 'renameInstitution',
  method: 'PATCH',
  path: '/api/institutions/:id',
  summary:
    'Rename an institution (admin); event `renamed` for each of its units; the same name changes nothing',
  tag: 'registry',
  params: institutionParams,
  body: RenameBody,
  status: 200,
  response: Institution,
  idempotent: true,
  problems: writeProblems({ 404: ['INSTITUTION_NOT_FOUND'], 409: ['NAME_TAKEN'] }),
});

export const renameUnit = route({
  id: 'renameUnit',
  method: 'PATCH',
  path: '/api/units/:unitId',
  summary: 'Rename a unit, closed ones too (admin); event `renamed`; the same name changes nothing',
  tag: 'registry',
  params: unitParams,
  body: RenameBody,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({ 404: ['UNIT_NOT_FOUND'], 409: ['NAME_TAKEN'] }),
});

/** `PUT /api/units/:unitId/features`: the unit's whole set of features, replacing the one it had (ADR 0154). */
export const UnitFeaturesBody = named(
  'UnitFeaturesBody',
  z.strictObject({ features: unitFeaturesInputSchema }),
);
export type UnitFeaturesBody = z.infer<typeof UnitFeaturesBody>;

export const setUnitFeatures = route({
  id: 'setUnitFeatures',
  method: 'PUT',
  path: '/api/units/:unitId/features',
  summary: "Replace an open unit's features (admin); event `features-changed`; the same set changes nothing",
  tag: 'registry',
  params: unitParams,
  body: UnitFeaturesBody,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({ 404: ['UNIT_NOT_FOUND'], 409: ['UNIT_CLOSED'] }),
});

export const closeUnit = route({
  id: 'closeUnit',
  method: 'POST',
  path: '/api/units/:unitId/close',
  summary:
    'Close an empty unit for good (admin); its open blocks and reservations end with it; event `closed`',
  tag: 'registry',
  params: unitParams,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_CLOSED', 'UNIT_NOT_EMPTY'],
    422: [IDEMPOTENCY_KEY_REUSED],
  },
});

export const reopenUnit = route({
  id: 'reopenUnit',
  method: 'POST',
  path: '/api/units/:unitId/reopen',
  summary:
    'Reopen a closed unit (admin): it counts again, empty, with its capacity and features; event `reopened`',
  tag: 'registry',
  params: unitParams,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_NOT_CLOSED', 'NAME_TAKEN'],
    422: [IDEMPOTENCY_KEY_REUSED],
  },
});

// ---------------------------------------------------------------------------------------------------
// Occupancy (staff of the unit's institution, admin)
// ---------------------------------------------------------------------------------------------------

export const listOpenStays = route({
  id: 'listOpenStays',
  method: 'GET',
  path: '/api/units/:unitId/stays',
  summary: 'Open stays of a unit (institution staff of the unit, admin)',
  tag: 'occupancy',
  params: unitParams,
  status: 200,
  response: z.array(Stay),
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED, 'NOT_YOUR_INSTITUTION'],
    404: ['UNIT_NOT_FOUND'],
  },
});

export const admitResident = route({
  id: 'admitResident',
  method: 'POST',
  path: '/api/units/:unitId/admissions',
  summary:
    'Admit a resident (institution staff of the unit, admin); no personal data is taken. ' +
    'With no available place: 409 unless `allowOverCapacity: true`',
  tag: 'occupancy',
  params: unitParams,
  body: z.strictObject({
    referringDistrictCode: districtCode.describe('The district (bydel) that referred the resident'),
    plannedDischargeDate: z.iso
      .date({ error: 'must be a calendar date like 2026-12-20' })
      .optional()
      .describe('Planned discharge date (YYYY-MM-DD), from today (Oslo) up to 5 years ahead'),
    reservationId: z
      .uuid()
      .optional()
      .describe(
        'Admit into this reservation of the unit: reserved − 1 and occupied + 1 in one change. ' +
          'Its district must be the referring district.',
      ),
    allowOverCapacity: z
      .boolean()
      .optional()
      .describe('Admit even when no place is available (emergency); the unit goes into overcapacity'),
    admittedAt: effectiveTime('When the resident was admitted').optional(),
  }),
  status: 201,
  response: AdmissionResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_CLOSED', 'NO_AVAILABLE_PLACE', 'RESERVATION_MISMATCH', 'RESERVATION_NOT_ACTIVE'],
  }),
});
export type AdmitResidentBody = z.infer<typeof admitResident.body>;

export const dischargeResident = route({
  id: 'dischargeResident',
  method: 'POST',
  path: '/api/units/:unitId/discharges',
  summary: 'Discharge a stay with a reason (institution staff of the unit, admin)',
  tag: 'occupancy',
  params: unitParams,
  body: z.strictObject({
    stayId: z.uuid().describe('The stayId the admission answered with'),
    reason: z
      .enum(DISCHARGE_REASONS)
      .describe('`immediate` is øyeblikkelig utskrivning (violence or threats)'),
    dischargedAt: effectiveTime('When the resident left; not before the admission').optional(),
  }),
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND'],
    409: ['STAY_NOT_FOUND', 'STAY_ALREADY_DISCHARGED'],
  }),
});
export type DischargeResidentBody = z.infer<typeof dischargeResident.body>;

// ---------------------------------------------------------------------------------------------------
// Blocked places
// ---------------------------------------------------------------------------------------------------

export const listOpenBlocks = route({
  id: 'listOpenBlocks',
  method: 'GET',
  path: '/api/units/:unitId/blocks',
  summary: 'The open blocks of a unit (any role)',
  tag: 'blocks',
  params: unitParams,
  status: 200,
  response: z.array(Block),
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['UNIT_NOT_FOUND'] },
});

export const blockPlaces = route({
  id: 'blockPlaces',
  method: 'POST',
  path: '/api/units/:unitId/blocks',
  summary:
    'Take places out of use (institution staff of the unit, admin); with `until` they come back by themselves',
  tag: 'blocks',
  params: unitParams,
  body: z.strictObject({
    places: places(1).describe('Places to take out of use; at most the unit’s capacity'),
    reason: z.enum(BLOCK_REASONS),
    until: futureInstant('2026-12-01T12:00:00Z')
      .optional()
      .describe('When the places come back into use by themselves (future, at most 366 days ahead)'),
    from: effectiveTime('When the places went out of use').optional(),
  }),
  status: 201,
  response: BlockResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_CLOSED', 'TOO_MANY_BLOCKED'],
  }),
});
export type BlockPlacesBody = z.infer<typeof blockPlaces.body>;

/** `DELETE /api/units/:unitId/blocks/:blockId?to=`: when the places came back into use (ADR 0213). */
export const LiftBlockQuery = named(
  'LiftBlockQuery',
  z.strictObject({
    to: effectiveTime('When the places came back into use; not before the block began').optional(),
  }),
);
export type LiftBlockQuery = z.infer<typeof LiftBlockQuery>;

export const liftBlock = route({
  id: 'liftBlock',
  method: 'DELETE',
  path: '/api/units/:unitId/blocks/:blockId',
  summary:
    'Lift a block: its places are in use again (institution staff of the unit, admin). ' +
    'A query parameter `to` (not a body: many clients send none with DELETE) says when, if earlier than now',
  tag: 'blocks',
  params: z.object({ unitId: z.uuid(), blockId: z.uuid() }),
  query: LiftBlockQuery,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: {
    400: [UNCODED, 'INVALID_VALUE'],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND', 'BLOCK_NOT_FOUND'],
    409: ['BLOCK_ALREADY_RELEASED'],
    422: [IDEMPOTENCY_KEY_REUSED],
  },
});

// ---------------------------------------------------------------------------------------------------
// Reservations (intake: any district; district staff: their own; admin)
// ---------------------------------------------------------------------------------------------------

export const listOpenReservations = route({
  id: 'listOpenReservations',
  method: 'GET',
  path: '/api/units/:unitId/reservations',
  summary: 'The open reservations of a unit (any role)',
  tag: 'reservations',
  params: unitParams,
  status: 200,
  response: z.array(Reservation),
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['UNIT_NOT_FOUND'] },
});

export const reservePlace = route({
  id: 'reservePlace',
  method: 'POST',
  path: '/api/units/:unitId/reservations',
  summary:
    'Hold one place for a district until an admission uses it, someone releases it, or it expires ' +
    '(intake: any district; district staff: their own; admin)',
  tag: 'reservations',
  params: unitParams,
  body: z.strictObject({
    districtCode: districtCode.describe('The district the place is held for'),
    expiresAt: futureInstant('2026-11-25T12:00:00Z').describe(
      'When the place is released by itself if nobody is admitted (future, at most 30 days ahead)',
    ),
  }),
  status: 201,
  response: ReservationResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_DISTRICT'],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_CLOSED', 'NO_AVAILABLE_PLACE'],
  }),
});
export type ReservePlaceBody = z.infer<typeof reservePlace.body>;

export const releaseReservation = route({
  id: 'releaseReservation',
  method: 'DELETE',
  path: '/api/units/:unitId/reservations/:reservationId',
  summary: 'Release a reservation (whoever may reserve for its district)',
  tag: 'reservations',
  params: z.object({ unitId: z.uuid(), reservationId: z.uuid() }),
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED, 'NOT_YOUR_DISTRICT'],
    404: ['UNIT_NOT_FOUND', 'RESERVATION_NOT_FOUND'],
    409: ['RESERVATION_NOT_ACTIVE'],
    422: [IDEMPOTENCY_KEY_REUSED],
  },
});

// ---------------------------------------------------------------------------------------------------
// Capacity and census (staff of the unit's institution, admin)
// ---------------------------------------------------------------------------------------------------

export const changeCapacity = route({
  id: 'changeCapacity',
  method: 'PUT',
  path: '/api/units/:unitId/capacity',
  summary: 'Change the approved places (institution staff of the unit, admin)',
  tag: 'capacity and census',
  params: unitParams,
  body: z.strictObject({
    capacity: places(0).describe('The new number of approved places'),
    reason: z
      .enum(CAPACITY_CHANGE_REASONS)
      .describe(
        '`decision` (vedtak), `contract-change` (purchase agreement changed), `reorganisation`, ' +
          '`correction` (the registry was wrong)',
      ),
    from: effectiveTime('When the new capacity took effect').optional(),
  }),
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_CLOSED', 'CAPACITY_BELOW_BLOCKED'],
  }),
});
export type ChangeCapacityBody = z.infer<typeof changeCapacity.body>;

/** The unit's own count of the moment (telling): absolute numbers, not changes. */
export const reportCensus = route({
  id: 'reportCensus',
  method: 'PUT',
  path: '/api/units/:unitId/census',
  summary:
    'Report the absolute occupied and blocked counts with If-Match: <sequence> (institution staff of the ' +
    'unit, admin); an event also when nothing changed; a stale sequence is 412 with the current unit',
  tag: 'capacity and census',
  params: unitParams,
  body: z.strictObject({
    occupied: places(0).describe('Residents in the unit now'),
    blocked: places(0).describe('Places out of use now; at most the unit’s capacity'),
  }),
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION'],
    404: ['UNIT_NOT_FOUND'],
    409: ['UNIT_CLOSED'],
    412: ['SEQUENCE_MISMATCH', 'WEAK_ETAG'],
    428: ['IF_MATCH_REQUIRED'],
  }),
});
export type ReportCensusBody = z.infer<typeof reportCensus.body>;

// ---------------------------------------------------------------------------------------------------
// Corrections of a recorded time (ADR 0214; staff of the unit's institution, admin)
// ---------------------------------------------------------------------------------------------------

const correctionReason = z
  .enum(CORRECTION_REASONS)
  .describe('Why the recorded time was wrong; a code, never free text');

/** Exactly one of two times: a correction moves one change, and each moved time is its own event. */
function oneTimeOf<const A extends string, const B extends string>(a: A, b: B) {
  return (body: Partial<Record<A | B, unknown>>) => (body[a] === undefined) !== (body[b] === undefined);
}

export const StayCorrectionBody = named(
  'StayCorrectionBody',
  z
    .strictObject({
      admittedAt: effectiveTime('The right admission time').optional(),
      dischargedAt: effectiveTime('The right discharge time (a discharged stay only)').optional(),
      reason: correctionReason,
    })
    .refine(oneTimeOf('admittedAt', 'dischargedAt'), {
      message: 'give exactly one of admittedAt and dischargedAt',
    }),
);
export type StayCorrectionBody = z.infer<typeof StayCorrectionBody>;

export const BlockCorrectionBody = named(
  'BlockCorrectionBody',
  z
    .strictObject({
      from: effectiveTime('The right time the places went out of use').optional(),
      to: effectiveTime('The right time the places came back (a lifted block only)').optional(),
      reason: correctionReason,
    })
    .refine(oneTimeOf('from', 'to'), { message: 'give exactly one of from and to' }),
);
export type BlockCorrectionBody = z.infer<typeof BlockCorrectionBody>;

export const correctStay = route({
  id: 'correctStay',
  method: 'POST',
  path: '/api/units/:unitId/stays/:stayId/corrections',
  summary:
    "Correct a stay's admission or discharge time (institution staff of the unit, admin); event `corrected`; " +
    'counts unchanged. The window applies to both the old and the new time',
  tag: 'occupancy',
  params: z.object({ unitId: z.uuid(), stayId: z.uuid() }),
  body: StayCorrectionBody,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND'],
    409: ['STAY_NOT_FOUND', 'STAY_NOT_DISCHARGED'],
  }),
});

export const correctBlock = route({
  id: 'correctBlock',
  method: 'POST',
  path: '/api/units/:unitId/blocks/:blockId/corrections',
  summary:
    "Correct a block's start or end time (institution staff of the unit, admin); event `corrected`; " +
    'counts unchanged. The window applies to both the old and the new time',
  tag: 'blocks',
  params: z.object({ unitId: z.uuid(), blockId: z.uuid() }),
  body: BlockCorrectionBody,
  status: 200,
  response: UnitResult,
  idempotent: true,
  problems: writeProblems({
    400: [UNCODED, 'INVALID_VALUE'],
    403: [UNCODED, 'NOT_YOUR_INSTITUTION', OUTSIDE_BACKDATE_WINDOW],
    404: ['UNIT_NOT_FOUND', 'BLOCK_NOT_FOUND'],
    409: ['BLOCK_NOT_RELEASED'],
  }),
});

/** Every route of the institution service, in the order of ARCHITECTURE.md §4. */
export const institutionRoutes = [
  listInstitutions,
  getInstitution,
  registerInstitution,
  renameInstitution,
  registerUnit,
  getUnit,
  renameUnit,
  setUnitFeatures,
  closeUnit,
  reopenUnit,
  listOpenStays,
  admitResident,
  dischargeResident,
  correctStay,
  listOpenBlocks,
  blockPlaces,
  liftBlock,
  correctBlock,
  changeCapacity,
  reportCensus,
  listOpenReservations,
  reservePlace,
  releaseReservation,
] as const;
