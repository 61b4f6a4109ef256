/**
 * The REST contract of the capacity service, the read side (ARCHITECTURE.md §4): the city's, categories'
 * and districts' capacity, units as the read model has them, history, steering indicators, housing supply
 * against need, the forecast, the utilisation report and the alerts. The service serves these routes with
 * `@ContractRoute`; the dashboard, the tests and the tools call them with `call(route, …)`
 * (docs/decisions/0150).
 */
import {
  ALERT_CODES,
  ALERT_STATUSES,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  OFFER_DECLINE_REASONS,
  PROVIDER_TYPES,
  SCOPES,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import { ALERT_TRANSITIONS, alertDataSchema, alertMeasuredSchema } from '../events/alert';
import { capacityChangedDataSchema, capacityTotalsSchema } from '../events/capacity-changed';
import {
  housingByTypeSchema,
  housingChangedDataSchema,
  housingSupplySchema,
} from '../events/housing-changed';
import { CHANGE_KINDS, unitFeaturesSchema } from '../events/unit-occupancy-changed';
import { freeText, MAX_NAME_LENGTH, plainText } from '../free-text';
import { BEARER_TOKEN_PROBLEMS, UNCODED } from './problem';
import { named, route } from './route';

const CAPACITY_TAG = 'capacity';
const REPORTS_TAG = 'capacity history and reports';
const ALERTS_TAG = 'alerts';

// ── Queries ────────────────────────────────────────────────────────────────────────────────────────

/** A calendar date (midnight in Oslo) or a date and time with a time zone. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const INSTANT_FORMAT =
  'a date like 2024-01-01 (midnight in Oslo) or a date and time with a time zone, like 2024-01-01T00:00:00Z';

/**
 * `from` and `to` stay text: a bare date means midnight in Oslo, which `z.coerce.date()` would read as
 * midnight UTC. The service turns them into instants and checks the period (ADR 0051).
 */
const instant = (description: string, example: string) =>
  z
    .string()
    .regex(INSTANT_PATTERN, { error: `must be ${INSTANT_FORMAT}` })
    .meta({ description, example });

/** `true` or `false` in a query string. */
const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description });

/** One value or a comma-separated list (`status=open,acknowledged`); a repeated parameter works too. */
const commaList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).map((item) => item.trim()),
    )
    .pipe(z.array(z.enum(values)));

/** A scope id: a unit or institution id, a category or district code, a provider type. */
const scopeId = plainText(100);

export const STEPS = ['hour', 'day'] as const;
export type Step = (typeof STEPS)[number];

export const GROUP_BYS = ['category', 'institution', 'providerType', 'district'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A capacity scope key as the alerts carry them in `rooms`. */
export const SCOPE_KEY_PATTERN =
  /^(city|(unit|institution|category|district|provider-type):[A-Za-z0-9_.-]{1,100})$/;

export const CapacitySnapshotQuery = z.strictObject({
  scope: z.enum(SCOPES),
  id: scopeId.optional().meta({ description: 'The scope id; not for city' }),
});

export const CapacityUnitsQuery = z.strictObject({
  category: z.enum(SERVICE_CATEGORY_CODES).optional(),
  districtCode: z.enum(DISTRICT_CODES).optional().meta({ description: "The institution's district" }),
  providerType: z.enum(PROVIDER_TYPES).optional(),
  onlyAvailable: flag('Only open units with at least one available place'),
  includeClosed: flag('Also closed units (reconciliation compares them too)'),
});
export type CapacityUnitsQuery = z.output<typeof CapacityUnitsQuery>;

export const CapacityHistoryQuery = z.strictObject({
  scope: z.enum(SCOPES).meta({ example: 'category' }),
  id: scopeId.optional().meta({
    description:
      'The scope id (unit or institution id, category code, district code, provider type); not for city',
    example: 'resource-centre',
  }),
  from: instant('Start: a date (midnight in Oslo) or a date and time with zone', '2024-01-01'),
  to: instant('End (exclusive), as from', '2024-02-01'),
  step: z.enum(STEPS).default('day').meta({ description: 'day: at most 366 days; hour: at most 31 days' }),
});
export type CapacityHistoryQuery = z.output<typeof CapacityHistoryQuery>;

export const CapacityIndicatorsQuery = z.strictObject({
  from: instant('Start: a date (midnight in Oslo) or a date and time with zone', '2024-01-01'),
  to: instant('End (exclusive), as from; at most 366 days after from', '2025-01-01'),
  format: z
    .enum(REPORT_FORMATS)
    .default('json')
    .meta({
      description:
        'csv: one row per figure (indicator, date, category, district, value), semicolon-separated, decimal ' +
        'comma, UTF-8 with BOM (opens as is in Excel with Norwegian settings)',
    }),
});
export type CapacityIndicatorsQuery = z.output<typeof CapacityIndicatorsQuery>;

export const HousingOverviewQuery = z.strictObject({
  districtCode: z
    .enum(DISTRICT_CODES)
    .optional()
    .meta({ description: 'Only this district (city totals stay whole)' }),
});

const FORECAST_DAYS = 'must be a whole number from 1 to 90';

export const CapacityForecastQuery = z.strictObject({
  days: z.coerce
    .number<number | string>({ error: FORECAST_DAYS })
    .int({ error: FORECAST_DAYS })
    .min(1, { error: FORECAST_DAYS })
    .max(90, { error: FORECAST_DAYS })
    .default(14)
    .meta({ description: 'Days ahead, from tomorrow' }),
  category: z.enum(SERVICE_CATEGORY_CODES).optional().meta({ description: 'Only this service category' }),
});
export type CapacityForecastQuery = z.output<typeof CapacityForecastQuery>;

export const UtilizationReportQuery = z.strictObject({
  from: instant('Start: a date (midnight in Oslo) or a date and time with zone', '2024-01-01'),
  to: instant('End (exclusive), as from; counted up to now at most', '2025-01-01'),
  groupBy: z.enum(GROUP_BYS).default('category'),
  format: z.enum(REPORT_FORMATS).default('json').meta({
    description:
      'csv: semicolon-separated, decimal comma, UTF-8 with BOM (opens as is in Excel with Norwegian settings)',
  }),
});
export type UtilizationReportQuery = z.output<typeof UtilizationReportQuery>;

/** What the demand report groups referrals by: their first-preference category or their district. */
export const DEMAND_GROUP_BYS = ['category', 'district'] as const;
export type DemandGroupBy = (typeof DEMAND_GROUP_BYS)[number];

export const DemandReportQuery = z.strictObject({
  from: instant('Start: a date (midnight in Oslo) or a date and time with zone', '2026-01-01'),
  to: instant('End (exclusive), as from', '2027-01-01'),
  groupBy: z.enum(DEMAND_GROUP_BYS).default('category'),
  format: z.enum(REPORT_FORMATS).default('json').meta({
    description:
      'csv: semicolon-separated, decimal comma, UTF-8 with BOM (opens as is in Excel with Norwegian settings)',
  }),
});
export type DemandReportQuery = z.output<typeof DemandReportQuery>;

export const AlertsQuery = z.strictObject({
  status: commaList(ALERT_STATUSES)
    .default(['open', 'acknowledged'])
    .meta({
      description: `One status or a comma-separated list of ${ALERT_STATUSES.join(', ')}; default open,acknowledged (the unresolved ones)`,
    }),
  code: commaList(ALERT_CODES)
    .optional()
    .meta({ description: `One code or a comma-separated list of ${ALERT_CODES.join(', ')}` }),
  scope: z
    .string()
    .regex(SCOPE_KEY_PATTERN, {
      error: 'must be a scope key: city, unit:<id>, institution:<id>, category:<code> or district:<code>',
    })
    .optional()
    .meta({
      description:
        'A scope key (`city`, `unit:<id>`, `institution:<id>`, `category:<code>`, `district:<code>`): the ' +
        'alerts that concern it, e.g. an institution’s own alerts and its units’',
      example: 'category:acute',
    }),
  from: instant(
    'Only alerts still unresolved at or after this instant (resolved then or later, or not at all): with ' +
      '`to`, the alerts active during the period (the alert history, ADR 0173)',
    '2026-11-01',
  ).optional(),
  to: instant('Only alerts raised before this instant (exclusive)', '2026-12-01').optional(),
  limit: z.coerce.number<number | string>().int().min(1).max(1000).default(100),
  offset: z.coerce
    .number<number | string>()
    .int()
    .min(0)
    .max(100_000)
    .default(0)
    .meta({ description: 'Alerts to skip, newest first: the next page starts at offset + limit' }),
});
export type AlertsQuery = z.output<typeof AlertsQuery>;

const AlertParams = z.strictObject({ id: z.uuid() });

// ── Answers ────────────────────────────────────────────────────────────────────────────────────────

const count = z.number().int();
const name = freeText(MAX_NAME_LENGTH);

// ── Small-number suppression (ADRs 0223, 0224) ──────────────────────────────────────────────────────

/**
 * A count of people or stays that small-number suppression may hide: null when suppressed (a count from 1
 * to threshold − 1, or a count hidden so that a total does not give a hidden one away).
 */
const suppressibleCount = count.nullable();

/** The fields of a row hidden by small-number suppression, as dotted paths (`byReason.immediate`). */
export const SuppressedFields = z
  .array(plainText(100))
  .min(1)
  .optional()
  .meta({
    description:
      'The fields of this object that small-number suppression hid (null in the answer, «<5» in the CSV), ' +
      'as dotted paths such as `byReason.immediate`; absent when none (ADR 0223)',
  });

/**
 * Which suppression applied to an answer: `{ threshold }` when counts from 1 to threshold − 1 are hidden
 * (district and institution staff), null when the figures are exact (intake and admin, or suppression off).
 * Always present in the service's answers.
 */
export const SuppressionApplied = z
  .strictObject({ threshold: count.min(2) })
  .nullable()
  .optional()
  .meta({
    description:
      'Small-number suppression (ADR 0223): { threshold } when counts 1 … threshold − 1 are null for the ' +
      'reader (district and institution staff), null when the figures are exact (intake, admin)',
  });

/** A scope's current totals and version: the `capacity.changed` payload, also the gateway's snapshot. */
export const CapacitySnapshot = named('CapacitySnapshot', capacityChangedDataSchema);
export type CapacitySnapshot = z.infer<typeof CapacitySnapshot>;

/** Housing supply (dwellings by status) against registered need, per district and type, and for the city. */
export const HousingOverview = named(
  'HousingOverview',
  z.strictObject({
    city: z.strictObject({ byType: housingByTypeSchema, totals: housingSupplySchema }),
    districts: z.array(housingChangedDataSchema),
  }),
);
export type HousingOverview = z.infer<typeof HousingOverview>;

export const CapacitySummary = named(
  'CapacitySummary',
  z.strictObject({
    city: capacityChangedDataSchema,
    categories: z.array(capacityChangedDataSchema),
    districts: z.array(capacityChangedDataSchema),
    providerTypes: z.array(capacityChangedDataSchema),
    housing: HousingOverview,
  }),
);
export type CapacitySummary = z.infer<typeof CapacitySummary>;

/** One unit's state as the read model has it, with the source's sequence of it. */
export const CapacityUnit = named(
  'CapacityUnit',
  z.strictObject({
    id: z.uuid(),
    name,
    institutionId: z.uuid(),
    institutionName: name,
    category: z.enum(SERVICE_CATEGORY_CODES),
    providerType: z.enum(PROVIDER_TYPES),
    districtCode: z.enum(DISTRICT_CODES),
    /** As the unit's latest event carried them; none for events from before units had features (ADR 0154). */
    features: unitFeaturesSchema,
    ...capacityTotalsSchema.shape,
    closed: z.boolean(),
    /** The unit's sequence as the read model last applied it (the source's version of the unit). */
    sequence: z.number().int().nonnegative(),
    lastChangeKind: z.enum(CHANGE_KINDS),
    /** When the unit last changed or reported a census. */
    updatedAt: z.iso.datetime(),
  }),
);
export type CapacityUnit = z.infer<typeof CapacityUnit>;

export const CapacityUnitList = named('CapacityUnitList', z.array(CapacityUnit));

/**
 * One step of a scope's history. The counts are null for a step that ended before the scope's first
 * recorded change: nothing is known of it then, which is not the same as 0 free places (ADR 0186).
 * `available` is the free places summed per unit, Σ max(0, available), and `overCapacity` the places
 * taken beyond capacity, Σ max(0, −available), as in the summary and snapshot (ADRs 0171, 0192).
 */
export const CapacityHistoryPoint = z.strictObject({
  /** The step, [start, end). */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  capacity: count.nullable(),
  occupied: count.nullable(),
  blocked: count.nullable(),
  reserved: count.nullable(),
  available: count.nullable(),
  overCapacity: count.nullable(),
  occupancyRate: z.number().nullable(),
});
export type CapacityHistoryPoint = z.infer<typeof CapacityHistoryPoint>;

export const CapacityHistory = named(
  'CapacityHistory',
  z.strictObject({
    scope: z.enum(SCOPES),
    id: scopeId.nullable(),
    key: plainText(200),
    name: name.nullable(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    step: z.enum(STEPS),
    timeZone: z.string(),
    /**
     * The state at the end of each step (the last change before it carried forward); steps not yet begun
     * are left out; steps before the scope's first recorded change have null counts (a gap, not 0).
     */
    points: z.array(CapacityHistoryPoint),
  }),
);
export type CapacityHistory = z.infer<typeof CapacityHistory>;

const categoryCount = { category: z.enum(SERVICE_CATEGORY_CODES), name: z.string() };

/**
 * Length buckets of stays beyond the norm (ADR 0221), as the 2024 report counts them: a stay's length in
 * days, from admission to discharge or the end of the period, lies in (minDays, maxDays].
 */
export const STAY_LENGTH_BUCKETS = [
  { key: 'threeMonthsToOneYear', name: '3 måneder–1 år', minDays: 90, maxDays: 365 },
  { key: 'oneToTwoYears', name: '1–2 år', minDays: 365, maxDays: 730 },
  { key: 'twoToFiveYears', name: '2–5 år', minDays: 730, maxDays: 1826 },
  { key: 'overFiveYears', name: 'Over 5 år', minDays: 1826, maxDays: null },
] as const;
export type StayLengthBucket = (typeof STAY_LENGTH_BUCKETS)[number]['key'];
export const STAY_LENGTH_BUCKET_KEYS = STAY_LENGTH_BUCKETS.map((b) => b.key) as unknown as readonly [
  StayLengthBucket,
  ...StayLengthBucket[],
];

export const CapacityIndicators = named(
  'CapacityIndicators',
  z.strictObject({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** The end actually counted: `to`, or now when `to` lies in the future. */
    countedUntil: z.iso.datetime(),
    timeZone: z.string(),
    suppression: SuppressionApplied,
    /** Admissions and discharges per Oslo calendar day. */
    flow: z.array(
      z.strictObject({
        date: z.iso.date(),
        admissions: suppressibleCount,
        discharges: suppressibleCount,
        suppressed: SuppressedFields,
      }),
    ),
    /** Discharges in the period per category, by reason (`immediate`: øyeblikkelig utskrivning). */
    dischargesByReason: z.array(
      z.strictObject({
        ...categoryCount,
        total: suppressibleCount,
        byReason: z.record(z.enum(DISCHARGE_REASONS), suppressibleCount),
        suppressed: SuppressedFields,
      }),
    ),
    /**
     * Discharges to own housing per category; `withoutOsloAddress`: of them, stays referred as `utenbys`
     * (people without an Oslo address).
     */
    movesToOwnHousing: z.array(
      z.strictObject({
        ...categoryCount,
        count: suppressibleCount,
        withoutOsloAddress: suppressibleCount,
        suppressed: SuppressedFields,
      }),
    ),
    /** Stays begun in the period per referring district, and each category's share of them; `all` first. */
    referrals: z.array(
      z.strictObject({
        districtCode: z.enum([...DISTRICT_CODES, 'all']),
        name: z.string(),
        stays: suppressibleCount,
        categories: z.array(
          z.strictObject({
            category: z.enum(SERVICE_CATEGORY_CODES),
            stays: suppressibleCount,
            /** Of the district's stays begun in the period; null when either count is suppressed. */
            share: z.number().nullable(),
            suppressed: SuppressedFields,
          }),
        ),
        suppressed: SuppressedFields,
      }),
    ),
    /** Stays open at the end of the period, and those older than the category's normed maximum. */
    staysOverNorm: z.array(
      z.strictObject({
        ...categoryCount,
        normedMaxStayDays: count,
        openStays: suppressibleCount,
        overNorm: suppressibleCount,
        /** The longest open stay in days: one person's figure, so null when `openStays` is suppressed. */
        longestDays: count.nullable(),
        suppressed: SuppressedFields,
      }),
    ),
    /**
     * Stays beyond the norm at any time in the period (ADR 0221): stays going on in the period whose length
     * (admission to discharge, or to the end of the period) exceeds the category's normed maximum, by
     * length bucket (`STAY_LENGTH_BUCKETS`); every category, zeros included.
     */
    staysBeyondNorm: z.array(
      z.strictObject({
        ...categoryCount,
        normedMaxStayDays: count,
        total: suppressibleCount,
        buckets: z.strictObject({
          threeMonthsToOneYear: suppressibleCount,
          oneToTwoYears: suppressibleCount,
          twoToFiveYears: suppressibleCount,
          overFiveYears: suppressibleCount,
        }),
        suppressed: SuppressedFields,
      }),
    ),
  }),
);
export type CapacityIndicators = z.infer<typeof CapacityIndicators>;

export const ForecastNow = z.strictObject({
  capacity: count,
  occupied: count,
  blocked: count,
  reserved: count,
  /** Free places now (never below zero per unit). */
  free: count,
  /** Open stays expected to end today: their places count as free from tomorrow. */
  dischargesExpectedToday: count,
  /** Open stays whose expected end has passed: they are not counted on to free a place. */
  overdueStays: count,
});
export type ForecastNow = z.infer<typeof ForecastNow>;

export const ForecastDay = z.strictObject({
  date: z.iso.date(),
  /** Open stays expected to end on this date. */
  expectedDischarges: count,
  /** Admissions expected on this date: the category's arrival rate (ADR 0168), one decimal. */
  expectedAdmissions: z.number().nonnegative(),
  /**
   * Free places expected on this date: free now + expected discharges so far − expected admissions so far
   * (rounded, never below zero).
   */
  expectedFree: count,
});
export type ForecastDay = z.infer<typeof ForecastDay>;

export const CategoryForecast = z.strictObject({
  category: z.enum(SERVICE_CATEGORY_CODES),
  name: z.string(),
  normedMaxStayDays: count,
  /**
   * Expected admissions per day (ADR 0168): the larger of the admissions per day and the referrals received
   * per day (first preference) over the last `arrivalWindowDays`.
   */
  arrivals: z.strictObject({
    admissionsPerDay: z.number().nonnegative(),
    referralsPerDay: z.number().nonnegative(),
    expectedPerDay: z.number().nonnegative(),
  }),
  now: ForecastNow,
  days: z.array(ForecastDay),
});
export type CategoryForecast = z.infer<typeof CategoryForecast>;

export const CapacityForecast = named(
  'CapacityForecast',
  z.strictObject({
    generatedAt: z.iso.datetime(),
    horizonDays: count,
    /** The days before now whose admissions and referrals give the arrival rates. */
    arrivalWindowDays: count,
    category: z.enum(SERVICE_CATEGORY_CODES).nullable(),
    /** Today's date in the time zone. */
    today: z.iso.date(),
    timeZone: z.string(),
    categories: z.array(CategoryForecast),
    total: z.strictObject({ now: ForecastNow, days: z.array(ForecastDay) }),
  }),
);
export type CapacityForecast = z.infer<typeof CapacityForecast>;

/** A period's utilisation in bed-days (rounded to hundredths) and its occupancy rate. */
export const UtilizationFigures = z.strictObject({
  /** ∫ capacity dt of open units. */
  possibleBedDays: z.number(),
  /** ∫ occupied dt. */
  usedBedDays: z.number(),
  /** ∫ blocked dt: places out of use (safety, maintenance, staffing). */
  blockedBedDays: z.number(),
  /** possible − used − blocked: usable places left empty (negative under overcapacity). */
  unusedBedDays: z.number(),
  /** used / (possible − blocked); null when no place was usable. */
  occupancyRate: z.number().nullable(),
});

export const UtilizationRow = z.strictObject({
  /** Category code, institution id, provider type or district code. */
  key: plainText(100),
  name: z.string(),
  ...UtilizationFigures.shape,
});
export type UtilizationRow = z.infer<typeof UtilizationRow>;

export const UtilizationReport = named(
  'UtilizationReport',
  z.strictObject({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** The end actually counted: `to`, or now when `to` lies in the future. */
    countedUntil: z.iso.datetime(),
    groupBy: z.enum(GROUP_BYS),
    timeZone: z.string(),
    groups: z.array(UtilizationRow),
    total: UtilizationFigures,
  }),
);
export type UtilizationReport = z.infer<typeof UtilizationReport>;

const demandCount = z.number().int().nonnegative().nullable();

/** A group's (or all groups') demand figures; a referral count is null when suppressed (ADR 0223). */
export const DemandFigures = z.strictObject({
  /** Referrals received (created) in the period. */
  received: demandCount,
  /** Referrals placed in the period. */
  placed: demandCount,
  /** Referrals withdrawn in the period. */
  withdrawn: demandCount,
  /** Referrals waiting or offered now, whatever the period. */
  waitingNow: demandCount,
  /**
   * Median hours from received to placed, of the referrals placed in the period; null: none placed, or
   * `placed` is suppressed (a percentile of a few is one person's wait).
   */
  waitingHoursP50: z.number().nonnegative().nullable(),
  /** The 90th percentile of the same; still waiting referrals are not in either. */
  waitingHoursP90: z.number().nonnegative().nullable(),
  /**
   * Offers declined in the period (decided then), by the district's reason: every reason is present, 0
   * when none. Each offer counts once, whatever the referral did next (ADR 0167).
   */
  offersDeclined: z.strictObject(
    Object.fromEntries(OFFER_DECLINE_REASONS.map((r) => [r, demandCount])) as Record<
      (typeof OFFER_DECLINE_REASONS)[number],
      typeof demandCount
    >,
  ),
  suppressed: SuppressedFields,
});
export type DemandFigures = z.infer<typeof DemandFigures>;

export const DemandRow = z.strictObject({
  /** Category code or district code. */
  key: plainText(100),
  name: z.string(),
  ...DemandFigures.shape,
  /**
   * groupBy=category only: Oslo calendar days of the period on which the category had no free place at
   * some moment (available ≤ 0), from the capacity history; counted up to now.
   */
  daysWithoutFreePlace: z.number().int().nonnegative().optional(),
});
export type DemandRow = z.infer<typeof DemandRow>;

export const DemandReport = named(
  'DemandReport',
  z.strictObject({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    groupBy: z.enum(DEMAND_GROUP_BYS),
    timeZone: z.string(),
    suppression: SuppressionApplied,
    groups: z.array(DemandRow),
    total: DemandFigures,
  }),
);
export type DemandReport = z.infer<typeof DemandReport>;

/** An alert after its last transition: the `alert.*` event payload. */
export const Alert = named('Alert', alertDataSchema);

export const AlertList = named('AlertList', z.array(alertDataSchema));

export const AlertHistoryEntry = z.strictObject({
  transition: z.enum(ALERT_TRANSITIONS),
  at: z.iso.datetime(),
  /** The token subject for an acknowledgement; null for what the system did. */
  actor: plainText(200).nullable(),
  measured: alertMeasuredSchema,
});
export type AlertHistoryEntry = z.infer<typeof AlertHistoryEntry>;

/** An alert with every transition it went through. */
export const AlertDetail = named(
  'AlertDetail',
  alertDataSchema.safeExtend({ history: z.array(AlertHistoryEntry) }),
);
export type AlertDetail = z.infer<typeof AlertDetail>;

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────

export const getCapacitySummary = route({
  id: 'getCapacitySummary',
  method: 'GET',
  path: '/api/capacity/summary',
  summary: 'The city, every category, district and provider type, and housing supply against need (any role)',
  tag: CAPACITY_TAG,
  status: 200,
  response: CapacitySummary,
  problems: { 401: BEARER_TOKEN_PROBLEMS },
});

export const getCapacitySnapshot = route({
  id: 'getCapacitySnapshot',
  method: 'GET',
  path: '/api/capacity/snapshot',
  summary: "One scope's current totals and version (the gateway's subscribe snapshot; any role)",
  tag: CAPACITY_TAG,
  query: CapacitySnapshotQuery,
  status: 200,
  response: CapacitySnapshot,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: [] },
});

export const listCapacityUnits = route({
  id: 'listCapacityUnits',
  method: 'GET',
  path: '/api/capacity/units',
  summary:
    'Units as the read model has them, with their sequence (any role). Closed units only with ' +
    'includeClosed=true; onlyAvailable=true keeps open units with a free place.',
  tag: CAPACITY_TAG,
  query: CapacityUnitsQuery,
  status: 200,
  response: CapacityUnitList,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS },
});

export const getCapacityHistory = route({
  id: 'getCapacityHistory',
  method: 'GET',
  path: '/api/capacity/history',
  summary:
    "A scope's capacity over time (any role): one point per hour or Oslo calendar day, the state at the end " +
    'of the step with the last change before it carried forward. day: at most 366 days; hour: at most 31 ' +
    "days. Steps that have not begun are left out; steps before the scope's first recorded change have " +
    'null counts (no data: a gap, not 0).',
  tag: REPORTS_TAG,
  query: CapacityHistoryQuery,
  status: 200,
  response: CapacityHistory,
  problems: { 400: [UNCODED, 'INVALID_QUERY'], 401: BEARER_TOKEN_PROBLEMS, 404: ['UNKNOWN_SCOPE'] },
});

export const getCapacityIndicators = route({
  id: 'getCapacityIndicators',
  method: 'GET',
  path: '/api/capacity/indicators',
  summary:
    'Steering indicators over a period of at most 366 days (any role; format=csv: a download with one row ' +
    'per figure): admissions and discharges per Oslo ' +
    'calendar day; discharges per category by reason (immediate = øyeblikkelig utskrivning); moves to own ' +
    "housing per category; stays begun per referring district with each category's share; stays open at " +
    "the end of the period beyond the category's normed maximum. Small-number suppression (ADRs 0223, 0224): " +
    'for district and institution staff every count of people or stays from 1 to threshold − 1 (default ' +
    "4) is null (CSV «<5»), with the row's `suppressed` naming it, and more counts are hidden where a total " +
    'would give one back; a share of a hidden count is hidden. Intake and admin get exact figures. ' +
    '`suppression` says which threshold applied.',
  tag: REPORTS_TAG,
  query: CapacityIndicatorsQuery,
  status: 200,
  response: CapacityIndicators,
  problems: { 400: [UNCODED, 'INVALID_QUERY'], 401: BEARER_TOKEN_PROBLEMS },
});

export const getCapacityHousingOverview = route({
  id: 'getCapacityHousingOverview',
  method: 'GET',
  path: '/api/capacity/housing',
  summary:
    'Housing supply (dwellings by status) against registered need, per district and type, and city totals',
  tag: CAPACITY_TAG,
  query: HousingOverviewQuery,
  status: 200,
  response: HousingOverview,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS },
});

export const getCapacityForecast = route({
  id: 'getCapacityForecast',
  method: 'GET',
  path: '/api/capacity/forecast',
  summary:
    'Expected free places per day for the next 1–90 days, per category and in total (any role): free places ' +
    'now, plus the places open stays are expected to free on their planned discharge date, or without one ' +
    "when the category's normed maximum stay runs out, minus the admissions expected at the category's " +
    'arrival rate (the larger of admissions and referrals per day over the last 28 days; ADR 0168). ' +
    'Overdue stays are not counted on; reserved and blocked places stay held. An expectation, not a promise.',
  tag: REPORTS_TAG,
  query: CapacityForecastQuery,
  status: 200,
  response: CapacityForecast,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS },
});

/**
 * With `format=csv` the same report is `text/csv` (semicolons, decimal commas, a BOM) as a download;
 * `call` reads the JSON form only.
 */
export const getUtilizationReport = route({
  id: 'getUtilizationReport',
  method: 'GET',
  path: '/api/capacity/reports/utilization',
  summary:
    'Bed-days per group over a period (any role): possible = ∫ capacity dt of open units; used = ∫ occupied ' +
    'dt; blocked = ∫ blocked dt; unused = possible − used − blocked; occupancy rate = used / (possible − ' +
    "blocked). One bed-day is one place for one Oslo calendar day. The city's own figures have no blocked " +
    'part: their "unused" is our unused + blocked. At most five years; a period reaching into the future is ' +
    'counted up to now.',
  tag: REPORTS_TAG,
  query: UtilizationReportQuery,
  status: 200,
  response: UtilizationReport,
  problems: { 400: [UNCODED, 'INVALID_QUERY'], 401: BEARER_TOKEN_PROBLEMS },
});

/** Like the utilisation report, `format=csv` answers `text/csv` as a download; `call` reads the JSON. */
export const getDemandReport = route({
  id: 'getDemandReport',
  method: 'GET',
  path: '/api/capacity/demand',
  summary:
    'Demand from referrals per first-preference category or district over a period (any role): received, ' +
    'placed and withdrawn in the period, waiting now (waiting or offered), and waiting time p50/p90 in hours ' +
    '(admitted − received) of the referrals placed in the period — referrals still waiting are not in the ' +
    'percentiles. By category also the days with no free place in the category (capacity history). ' +
    'Also the offers declined in the period by reason. Every figure counts a referral in its first-preference ' +
    'category (ADR 0167). ' +
    'At most five years. Small-number suppression as for the indicators (ADRs 0223, 0224): for district and ' +
    'institution staff referral counts from 1 to threshold − 1 are null (CSV «<5»), so is any count a ' +
    "total would give back, and a group's waiting-time percentiles when its `placed` is; days without a " +
    "free place are not counts of people. District staff see their own district's row exactly.",
  tag: REPORTS_TAG,
  query: DemandReportQuery,
  status: 200,
  response: DemandReport,
  problems: { 400: [UNCODED, 'INVALID_QUERY'], 401: BEARER_TOKEN_PROBLEMS },
});

export const listAlerts = route({
  id: 'listAlerts',
  method: 'GET',
  path: '/api/capacity/alerts',
  summary:
    'Alerts, newest first; by default the unresolved ones (any role). With from/to the alerts active in ' +
    'the period, paged by limit and offset (the alert history).',
  tag: ALERTS_TAG,
  query: AlertsQuery,
  status: 200,
  response: AlertList,
  problems: { 400: [UNCODED, 'INVALID_QUERY'], 401: BEARER_TOKEN_PROBLEMS },
});

export const getAlert = route({
  id: 'getAlert',
  method: 'GET',
  path: '/api/capacity/alerts/:id',
  summary: 'One alert with the history of its transitions (any role)',
  tag: ALERTS_TAG,
  params: AlertParams,
  status: 200,
  response: AlertDetail,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 404: ['ALERT_NOT_FOUND'] },
});

export const acknowledgeAlert = route({
  id: 'acknowledgeAlert',
  method: 'POST',
  path: '/api/capacity/alerts/:id/ack',
  summary:
    'Acknowledges an alert as the signed-in person; acknowledging again changes nothing. 403 unless the ' +
    'alert concerns what the person may act on; 409 when the alert is already resolved.',
  tag: ALERTS_TAG,
  params: AlertParams,
  status: 200,
  response: Alert,
  problems: {
    400: [],
    401: BEARER_TOKEN_PROBLEMS,
    403: ['NOT_ALLOWED_TO_ACKNOWLEDGE'],
    404: ['ALERT_NOT_FOUND'],
    409: ['ALERT_RESOLVED'],
    413: [],
  },
});

// ── A district's own residents (issue 15, ADR 0183) ───────────────────────────────────────────────

export const DistrictResidentsQuery = z.strictObject({
  districtCode: z
    .enum(DISTRICT_CODES)
    .meta({ description: 'The referring district: its residents, wherever the institution lies' }),
});
export type DistrictResidentsQuery = z.output<typeof DistrictResidentsQuery>;

export const ResidentFigures = z.strictObject({
  /** Open stays referred by the district: its residents in a place now. */
  residentsNow: count.nonnegative(),
  /** Stays referred by the district begun in the last 30 days. */
  admittedLast30Days: count.nonnegative(),
  /** Stays referred by the district ended in the last 30 days. */
  dischargedLast30Days: count.nonnegative(),
  /** Mean days so far of the open stays, one decimal; null without one. */
  averageDaysSoFar: z.number().nonnegative().nullable(),
  /** Median days so far of the open stays, one decimal; null without one. */
  medianDaysSoFar: z.number().nonnegative().nullable(),
  /** The district's referrals waiting for an offer (status waiting), by first preference. */
  waitingReferrals: count.nonnegative(),
  /** The district's referrals with an open offer, not yet answered. */
  openOffers: count.nonnegative(),
});
export type ResidentFigures = z.infer<typeof ResidentFigures>;

/** One open stay referred by the district: where and since when; no person. */
export const ResidentStay = z.strictObject({
  unitId: z.uuid(),
  unitName: name,
  institutionId: z.uuid(),
  institutionName: name,
  category: z.enum(SERVICE_CATEGORY_CODES),
  /** Where the institution lies (not the referring district). */
  institutionDistrictCode: z.enum(DISTRICT_CODES),
  admittedAt: z.iso.datetime(),
  plannedDischargeDate: z.iso.date().nullable(),
  /** Whole days since admission. */
  daysSoFar: count.nonnegative(),
});
export type ResidentStay = z.infer<typeof ResidentStay>;

export const DistrictResidents = named(
  'DistrictResidents',
  z.strictObject({
    districtCode: z.enum(DISTRICT_CODES),
    name: z.string(),
    generatedAt: z.iso.datetime(),
    /** Per category with any figure other than 0, in the categories' order. */
    categories: z.array(z.strictObject({ ...categoryCount, ...ResidentFigures.shape })),
    total: ResidentFigures,
    /** Open stays, longest first. */
    openStays: z.array(ResidentStay),
  }),
);
export type DistrictResidents = z.infer<typeof DistrictResidents>;

export const getDistrictResidents = route({
  id: 'getDistrictResidents',
  method: 'GET',
  path: '/api/capacity/residents',
  summary:
    "A district's residents by referring district, wherever the institution lies: per category the open " +
    'stays now, stays begun and ended in the last 30 days, mean and median days so far of the open stays, ' +
    'referrals waiting and open offers; and the open stays (unit, institution, admitted, planned discharge, ' +
    'days so far; no person). District staff their own district only; intake and admin any.',
  tag: CAPACITY_TAG,
  query: DistrictResidentsQuery,
  status: 200,
  response: DistrictResidents,
  problems: { 400: [], 401: BEARER_TOKEN_PROBLEMS, 403: ['NOT_YOUR_DISTRICT'] },
});

/** Every route of the capacity service, for tests that check each one is served and documented. */
export const CAPACITY_ROUTES = [
  getCapacitySummary,
  getCapacitySnapshot,
  listCapacityUnits,
  getCapacityHistory,
  getCapacityIndicators,
  getCapacityHousingOverview,
  getCapacityForecast,
  getUtilizationReport,
  getDemandReport,
  listAlerts,
  getAlert,
  acknowledgeAlert,
  getDistrictResidents,
] as const;
