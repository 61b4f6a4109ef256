/**
 * Purchased places (enkeltkjøp, ARCHITECTURE §12): the intake service's routes to record, list and end a
 * district's purchases, and the capacity service's financing report that sets them against the city's own
 * and non-profit places (ADR 0225–0227).
 */
import { DISTRICT_CODES, SERVICE_CATEGORY_CODES } from '@plass/domain';
import { z } from 'zod';
import { checkPurchasePeriod, pricePerDaySchema, purchaseFields } from '../events/purchase';
import { freeText, MAX_NAME_LENGTH, plainText } from '../free-text';
import { INSTANT_FORMAT, INSTANT_PATTERN, REPORT_FORMATS } from './capacity';
import { BEARER_TOKEN_PROBLEMS, UNCODED } from './problem';
import { named, route } from './route';

const PURCHASES_TAG = 'purchases';
const REPORTS_TAG = 'capacity history and reports';

export const Purchase = named('Purchase', z.strictObject(purchaseFields).superRefine(checkPurchasePeriod));
export type Purchase = z.infer<typeof Purchase>;

export const PurchaseList = named('PurchaseList', z.array(Purchase));

export const RecordPurchaseBody = named(
  'RecordPurchaseBody',
  z
    .strictObject({
      /** The district that buys; district staff may only name their own. */
      districtCode: z.enum(DISTRICT_CODES),
      providerName: freeText(MAX_NAME_LENGTH).describe(
        "The provider's organisation name (never a resident's data)",
      ),
      category: z.enum(SERVICE_CATEGORY_CODES),
      from: z.iso.date().describe('The first day the place is bought for (YYYY-MM-DD)'),
      to: z.iso
        .date()
        .optional()
        .describe('The last day the place is bought for (inclusive); open-ended when left out'),
      pricePerDay: pricePerDaySchema.describe('Price per day (døgnpris) in whole kroner'),
    })
    .superRefine((b, ctx) => checkPurchasePeriod({ from: b.from, to: b.to ?? null }, ctx)),
);
export type RecordPurchaseBody = z.infer<typeof RecordPurchaseBody>;

export const ListPurchasesQuery = z.strictObject({
  districtCode: z
    .union([z.enum(DISTRICT_CODES), z.literal('')])
    .optional()
    .describe("The buying district; district staff read their own district's only"),
  category: z.union([z.enum(SERVICE_CATEGORY_CODES), z.literal('')]).optional(),
});
export type ListPurchasesQuery = z.infer<typeof ListPurchasesQuery>;

export const EndPurchaseBody = named(
  'EndPurchaseBody',
  z.strictObject({
    to: z.iso.date().describe('The last day the place is bought for (inclusive); not before `from`'),
  }),
);
export type EndPurchaseBody = z.infer<typeof EndPurchaseBody>;

const purchaseParams = z.strictObject({ id: z.uuid() });

export const recordPurchase = route({
  id: 'recordPurchase',
  method: 'POST',
  path: '/api/purchases',
  summary:
    'Record a purchased place (enkeltkjøp): district staff for their own district, intake and admin any',
  tag: PURCHASES_TAG,
  body: RecordPurchaseBody,
  status: 201,
  response: Purchase,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED, 'NOT_YOUR_DISTRICT'],
    422: ['IDEMPOTENCY_KEY_REUSED'],
  },
  idempotent: true,
});

export const listPurchases = route({
  id: 'listPurchases',
  method: 'GET',
  path: '/api/purchases',
  summary:
    "Purchased places, newest first (intake and admin every district's, district staff their own district's)",
  tag: PURCHASES_TAG,
  query: ListPurchasesQuery,
  status: 200,
  response: PurchaseList,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 403: [UNCODED, 'NOT_YOUR_DISTRICT'] },
});

export const endPurchase = route({
  id: 'endPurchase',
  method: 'PUT',
  path: '/api/purchases/:id/end',
  summary: 'Set the last day of an open purchase, once; not before its first day',
  tag: PURCHASES_TAG,
  params: purchaseParams,
  body: EndPurchaseBody,
  status: 200,
  response: Purchase,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: [UNCODED, 'NOT_YOUR_DISTRICT'],
    404: ['PURCHASE_NOT_FOUND'],
    409: ['PURCHASE_ALREADY_ENDED'],
    422: ['IDEMPOTENCY_KEY_REUSED', 'INVALID_PURCHASE_END'],
  },
  idempotent: true,
});

/** Every route of the purchases, served by the intake service. */
export const PURCHASE_ROUTES = [recordPurchase, listPurchases, endPurchase] as const;

// ── The financing report (capacity service) ─────────────────────────────────────────────────────────

/** What the financing report groups by: the category, or the district (purchases and stays by district). */
export const FINANCING_GROUP_BYS = ['category', 'district'] as const;
export type FinancingGroupBy = (typeof FINANCING_GROUP_BYS)[number];

const instant = (description: string, example: string) =>
  z
    .string()
    .regex(INSTANT_PATTERN, { error: `must be ${INSTANT_FORMAT}` })
    .meta({ description, example });

export const FinancingReportQuery = z.strictObject({
  from: instant('Start: a date (midnight in Oslo) or a date and time with zone', '2026-01-01'),
  to: instant('End (exclusive), as from; counted up to now at most', '2027-01-01'),
  groupBy: z.enum(FINANCING_GROUP_BYS).default('category'),
  format: z.enum(REPORT_FORMATS).default('json').meta({
    description:
      'csv: semicolon-separated, decimal comma, UTF-8 with BOM (opens as is in Excel with Norwegian settings)',
  }),
});
export type FinancingReportQuery = z.output<typeof FinancingReportQuery>;

/**
 * One group's figures (ADR 0226). Bed-days of places are rounded to hundredths; purchased bed-days are
 * whole days. By district the capacity figures are null: capacity is the city's, not a district's.
 */
export const FinancingFigures = z.strictObject({
  /** ∫ (capacity − blocked) dt of open municipal units (egenregi). */
  ownAvailableBedDays: z.number().nullable(),
  /** ∫ occupied dt of municipal units; by district: of the stays the district referred. */
  ownUsedBedDays: z.number(),
  /** available − used of municipal units (negative under overcapacity). */
  ownUnusedBedDays: z.number().nullable(),
  /** The same for the non-profit (ideelle) units the city buys by agreement. */
  nonprofitAvailableBedDays: z.number().nullable(),
  nonprofitUsedBedDays: z.number(),
  nonprofitUnusedBedDays: z.number().nullable(),
  /** Days of purchased places (enkeltkjøp): one per purchase per Oslo calendar day it covers. */
  purchasedBedDays: z.number().int().nonnegative(),
  /** Σ price per day over those days, whole kroner. */
  purchaseCost: z.number().int().nonnegative(),
  /** Purchased days on which the city had a free place in the purchase's category the whole day. */
  purchasedWhileFreeBedDays: z.number().int().nonnegative(),
  purchaseCostWhileFree: z.number().int().nonnegative(),
  /** Calendar days with at least one such purchased day (each day counted once per group). */
  daysBoughtWhileFree: z.number().int().nonnegative(),
});
export type FinancingFigures = z.infer<typeof FinancingFigures>;

export const FinancingRow = z.strictObject({
  /** Category code or district code. */
  key: plainText(100),
  name: z.string(),
  ...FinancingFigures.shape,
});
export type FinancingRow = z.infer<typeof FinancingRow>;

export const FinancingReport = named(
  'FinancingReport',
  z.strictObject({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** The end actually counted: `to`, or now when `to` lies in the future. */
    countedUntil: z.iso.datetime(),
    groupBy: z.enum(FINANCING_GROUP_BYS),
    timeZone: z.string(),
    groups: z.array(FinancingRow),
    /** The whole city: every figure, capacity included. */
    total: FinancingFigures,
  }),
);
export type FinancingReport = z.infer<typeof FinancingReport>;

/** `format=csv` answers `text/csv` as a download; `call` reads the JSON form only. */
export const getFinancingReport = route({
  id: 'getFinancingReport',
  method: 'GET',
  path: '/api/capacity/reports/financing',
  summary:
    "Financing per category or district over a period (intake, admin, district staff): the city's own and " +
    'non-profit places in bed-days (available = capacity − blocked, used, unused), purchased places ' +
    '(enkeltkjøp) in days and kroner, and the purchased days on which the city had a free place in the ' +
    'category the whole day. By district the capacity figures are null and used bed-days are the stays the ' +
    'district referred. At most five years; a period reaching into the future is counted up to now.',
  tag: REPORTS_TAG,
  query: FinancingReportQuery,
  status: 200,
  response: FinancingReport,
  problems: { 400: [UNCODED, 'INVALID_QUERY'], 401: BEARER_TOKEN_PROBLEMS, 403: [UNCODED] },
});

export const FINANCING_ROUTES = [getFinancingReport] as const;
