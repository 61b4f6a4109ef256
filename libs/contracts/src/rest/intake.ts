/**
 * The intake service's REST routes (felles inntak, ARCHITECTURE §10): referrals, the waiting list, the
 * matching units for a referral, offers and their answers. Placement follows from the admission at the
 * institution (an event, not a route here).
 */
import {
  DISTRICT_CODES,
  OFFER_DECLINE_REASONS,
  REFERRAL_NEEDS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  REFERRAL_WITHDRAWAL_REASONS,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import {
  checkReferralState,
  referralCategoriesSchema,
  referralFields,
  referralNeedsSchema,
} from '../events/referral';
import { named, route } from './route';

const TAG = 'referrals';

/** A referral as the API answers with it: its state, and where it stands in the waiting list. */
export const Referral = named(
  'Referral',
  z
    .strictObject({
      ...referralFields,
      /**
       * Its place among all waiting referrals, city-wide (1 is next): by urgency (acute, urgent, planned),
       * then by waiting time. Null unless `status` is `waiting`.
       */
      position: z.number().int().positive().nullable(),
    })
    .superRefine(checkReferralState),
);
export type Referral = z.infer<typeof Referral>;

export const ReferralList = named('ReferralList', z.array(Referral));

const referralParams = z.strictObject({ id: z.uuid() });

export const CreateReferralBody = named(
  'CreateReferralBody',
  z.strictObject({
    /** The referring district; district staff may only name their own. */
    districtCode: z.enum(DISTRICT_CODES),
    categories: referralCategoriesSchema.describe(
      'One to three service categories, in order of preference, none twice',
    ),
    urgency: z.enum(REFERRAL_URGENCIES),
    needs: referralNeedsSchema.optional().describe('What the place must offer; none when left out'),
    earliestDate: z.iso
      .date()
      .optional()
      .describe('The earliest day a place can be taken (YYYY-MM-DD); as soon as possible when left out'),
  }),
);
export type CreateReferralBody = z.infer<typeof CreateReferralBody>;

/** `?status=` (empty) is the same as leaving the filter out, as everywhere in the API. */
const filter = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.literal('')]).optional();

export const ListReferralsQuery = z.strictObject({
  status: filter(REFERRAL_STATUSES).describe('The referrals with this status; `waiting` when left out'),
  districtCode: filter(DISTRICT_CODES).describe(
    "The referring district; district staff read their own district's only",
  ),
  category: filter(SERVICE_CATEGORY_CODES).describe('Referrals that name this category among theirs'),
});
export type ListReferralsQuery = z.infer<typeof ListReferralsQuery>;

export const WithdrawReferralBody = named(
  'WithdrawReferralBody',
  z.strictObject({ reason: z.enum(REFERRAL_WITHDRAWAL_REASONS) }),
);
export type WithdrawReferralBody = z.infer<typeof WithdrawReferralBody>;

export const createReferral = route({
  id: 'createReferral',
  method: 'POST',
  path: '/api/intake/referrals',
  summary: 'Register a referral on the waiting list (intake any district, district staff their own)',
  tag: TAG,
  body: CreateReferralBody,
  status: 201,
  response: Referral,
  problems: { 400: [], 401: [], 403: ['NOT_YOUR_DISTRICT'], 422: ['IDEMPOTENCY_KEY_REUSED'] },
  idempotent: true,
});

export const listReferrals = route({
  id: 'listReferrals',
  method: 'GET',
  path: '/api/intake/referrals',
  summary:
    'The waiting list in priority order: urgency (acute, urgent, planned), then waiting time ' +
    "(intake and admin every district's, district staff their own)",
  tag: TAG,
  query: ListReferralsQuery,
  status: 200,
  response: ReferralList,
  problems: { 400: [], 401: [], 403: ['NOT_YOUR_DISTRICT'] },
});

export const getReferral = route({
  id: 'getReferral',
  method: 'GET',
  path: '/api/intake/referrals/:id',
  summary: "One referral's current state and position",
  tag: TAG,
  params: referralParams,
  status: 200,
  response: Referral,
  problems: { 400: [], 401: [], 403: ['NOT_YOUR_DISTRICT'], 404: ['REFERRAL_NOT_FOUND'] },
});

export const withdrawReferral = route({
  id: 'withdrawReferral',
  method: 'POST',
  path: '/api/intake/referrals/:id/withdraw',
  summary: 'Withdraw a waiting or offered referral (intake, or staff of the referring district)',
  tag: TAG,
  params: referralParams,
  body: WithdrawReferralBody,
  status: 200,
  response: Referral,
  problems: {
    400: [],
    401: [],
    403: ['NOT_YOUR_DISTRICT'],
    404: ['REFERRAL_NOT_FOUND'],
    409: ['REFERRAL_CLOSED'],
    422: ['IDEMPOTENCY_KEY_REUSED'],
  },
  idempotent: true,
});

/** A unit that fits a referral: one of its categories, every one of its needs among the unit's features. */
export const ReferralMatch = named(
  'ReferralMatch',
  z.strictObject({
    unitId: z.uuid(),
    institutionId: z.uuid(),
    institutionName: z.string(),
    unitName: z.string(),
    category: z.enum(SERVICE_CATEGORY_CODES),
    features: z.array(z.enum(REFERRAL_NEEDS)),
    /** Free places now: capacity − occupied − blocked − reserved (0 for a unit in `soon`). */
    available: z.number().int().nonnegative(),
    /** Where the unit's category stands in the referral's order of preference (1: its first choice). */
    preference: z.number().int().positive(),
    /** For `soon`: the earliest planned discharge of the unit's open stays (YYYY-MM-DD); null in `now`. */
    expectedFreeOn: z.iso.date().nullable(),
  }),
);
export type ReferralMatch = z.infer<typeof ReferralMatch>;

export const ReferralMatches = named(
  'ReferralMatches',
  z.strictObject({
    /** Units with a free place now, by preference, then most free places first. */
    now: z.array(ReferralMatch),
    /** Full units expected to free a place within 14 days, soonest first. */
    soon: z.array(ReferralMatch),
  }),
);
export type ReferralMatches = z.infer<typeof ReferralMatches>;

export const MakeOfferBody = named(
  'MakeOfferBody',
  z.strictObject({
    unitId: z.uuid(),
    /** Until when the place is held for the district; in the future, at most 14 days ahead. */
    expiresAt: z.iso.datetime({ offset: true }),
  }),
);
export type MakeOfferBody = z.infer<typeof MakeOfferBody>;

export const AnswerOfferBody = named(
  'AnswerOfferBody',
  z.discriminatedUnion('accept', [
    z.strictObject({ accept: z.literal(true) }),
    z.strictObject({ accept: z.literal(false), reason: z.enum(OFFER_DECLINE_REASONS) }),
  ]),
);
export type AnswerOfferBody = z.infer<typeof AnswerOfferBody>;

const offerParams = z.strictObject({ id: z.uuid(), offerId: z.uuid() });

export const getReferralMatches = route({
  id: 'getReferralMatches',
  method: 'GET',
  path: '/api/intake/referrals/:id/matches',
  summary:
    'The units that fit a referral: with a free place now, and full ones expected to free one soon (intake)',
  tag: TAG,
  params: referralParams,
  status: 200,
  response: ReferralMatches,
  problems: { 400: [], 401: [], 403: ['NOT_INTAKE'], 404: ['REFERRAL_NOT_FOUND'] },
});

export const makeOffer = route({
  id: 'makeOffer',
  method: 'POST',
  path: '/api/intake/referrals/:id/offers',
  summary:
    'Offer a waiting referral a place in a unit (intake): the institution reserves it for the referring ' +
    'district until the offer is answered and admitted, or expires',
  tag: TAG,
  params: referralParams,
  body: MakeOfferBody,
  status: 201,
  response: Referral,
  problems: {
    400: [],
    401: [],
    403: ['NOT_INTAKE'],
    404: ['REFERRAL_NOT_FOUND', 'UNIT_NOT_FOUND'],
    409: ['REFERRAL_CLOSED', 'REFERRAL_NOT_WAITING', 'NO_FREE_PLACE'],
    422: ['IDEMPOTENCY_KEY_REUSED', 'UNIT_DOES_NOT_FIT', 'INVALID_EXPIRY'],
  },
  idempotent: true,
});

export const answerOffer = route({
  id: 'answerOffer',
  method: 'POST',
  path: '/api/intake/referrals/:id/offers/:offerId/answer',
  summary: 'Accept or decline an open offer (staff of the referring district, or intake)',
  tag: TAG,
  params: offerParams,
  body: AnswerOfferBody,
  status: 200,
  response: Referral,
  problems: {
    400: [],
    401: [],
    403: ['NOT_YOUR_DISTRICT'],
    404: ['REFERRAL_NOT_FOUND', 'OFFER_NOT_FOUND'],
    409: ['REFERRAL_CLOSED', 'OFFER_NOT_OPEN'],
    422: ['IDEMPOTENCY_KEY_REUSED'],
  },
  idempotent: true,
});

/** Every route of the intake service, for documents and tests that walk them. */
export const INTAKE_ROUTES = [
  createReferral,
  listReferrals,
  getReferral,
  getReferralMatches,
  makeOffer,
  answerOffer,
  withdrawReferral,
] as const;
