/** `…unit.occupancy-changed` on institution.occupancy.v1: a unit's resulting state after one change. */
import {
  BLOCK_REASONS,
  CORRECTABLE_CHANGES,
  CORRECTION_REASONS,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  isInNeedsOrder,
  PROVIDER_TYPES,
  REFERRAL_NEEDS,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, defineContract, EVENT_TYPE_PREFIX } from '../envelope';
import { freeText, MAX_NAME_LENGTH } from '../free-text';

export const UNIT_OCCUPANCY_CHANGED = `${EVENT_TYPE_PREFIX}unit.occupancy-changed` as const;
export const UNIT_OCCUPANCY_CHANGED_SCHEMA = 'urn:plassoversikt:unit-occupancy-changed:1';

export const CHANGE_KINDS = [
  'registered',
  'admission',
  'discharge',
  'block',
  'unblock',
  'capacity',
  'census',
  'reservation',
  'reservation-released',
  'reservation-expired',
  'closed',
  'reopened',
  'renamed',
  'features-changed',
  'corrected',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const count = z.number().int().nonnegative().max(100_000);

const feature = z.enum(REFERRAL_NEEDS, {
  error: `must be one of the features ${REFERRAL_NEEDS.join(', ')}`,
});
const FEATURES_DESCRIPTION = `What the unit offers beside its category: codes of the referral needs (${REFERRAL_NEEDS.join(', ')})`;

/**
 * A unit's features as a request names them (ADR 0154): codes of the needs list, in any order, none
 * twice. The service stores and sends them in the list's order (`unitFeaturesSchema`).
 */
export const unitFeaturesInputSchema = z
  .array(feature)
  .refine((list) => new Set(list).size === list.length, { message: 'must not name a feature twice' })
  .meta({ description: `${FEATURES_DESCRIPTION}; none twice`, uniqueItems: true });

/** A unit's features as answers and events carry them: none twice, in the order of the needs list. */
export const unitFeaturesSchema = z
  .array(feature)
  .refine(isInNeedsOrder, {
    message: `must name each feature once, in the order ${REFERRAL_NEEDS.join(', ')}`,
  })
  .meta({ description: `${FEATURES_DESCRIPTION}; each once, in this order`, uniqueItems: true });

const instant = z.iso.datetime({ offset: true });

/**
 * A `corrected` change (ADR 0212): an earlier admission, discharge, block or its lifting took effect at
 * another time than recorded. The counts do not change; what they were in the past does: the original
 * change's effect moves from `previousEffectiveAt` to the change's `effectiveAt`.
 */
export const occupancyCorrectionSchema = z.strictObject({
  of: z.enum(CORRECTABLE_CHANGES),
  previousEffectiveAt: instant,
  reason: z.enum(CORRECTION_REASONS),
});

export const occupancyChangeSchema = z.strictObject({
  kind: z.enum(CHANGE_KINDS),
  /**
   * When the change took effect, if earlier than it was recorded (ADR 0212): a night admission recorded
   * the next morning, an imported history, a correction's new time. Absent: the event's `time`. The read
   * model's current counts follow the sequence; history, reports and indicators follow this time.
   */
  effectiveAt: instant.optional(),
  /** The block a `block`, `unblock` or its correction is about. Optional: older events do not carry it. */
  blockId: z.uuid().optional(),
  /** Only on `corrected`: which change moved, from when, and why. */
  correction: occupancyCorrectionSchema.optional(),
  stayId: z.uuid().optional(),
  referringDistrictCode: z.enum(DISTRICT_CODES).optional(),
  dischargeReason: z.enum(DISCHARGE_REASONS).optional(),
  places: z.number().int().optional(),
  reason: z.enum(BLOCK_REASONS).or(z.literal('capacity-change')).optional(),
  plannedDischargeDate: z.iso.date().optional(),
  /**
   * The reservation the change made (`reservation`), ended (`reservation-released`, `reservation-expired`)
   * or used (`admission` from a reservation). A reservation made for an offer has the offer's id (ADR 0161).
   * Optional: events written before offers do not carry it.
   */
  reservationId: z.uuid().optional(),
});

export const unitOccupancyChangedDataSchema = z
  .strictObject({
    unitId: z.uuid(),
    unitName: freeText(MAX_NAME_LENGTH),
    institutionId: z.uuid(),
    institutionName: freeText(MAX_NAME_LENGTH),
    category: z.enum(SERVICE_CATEGORY_CODES),
    /**
     * Optional so that the events written before units had features still validate and replay (ADR 0154);
     * the producer always writes it now. Absent means none: no unit had a feature then.
     */
    features: unitFeaturesSchema.optional(),
    providerType: z.enum(PROVIDER_TYPES),
    districtCode: z.enum(DISTRICT_CODES),
    capacity: count,
    occupied: count,
    blocked: count,
    reserved: count,
    available: z.number().int(),
    closed: z.boolean(),
    change: occupancyChangeSchema,
  })
  .refine((d) => d.available === d.capacity - d.occupied - d.blocked - d.reserved, {
    message: 'available must equal capacity − occupied − blocked − reserved',
    path: ['available'],
  })
  .refine(
    (d) =>
      (d.change.kind === 'corrected') === (d.change.correction !== undefined) &&
      (d.change.kind !== 'corrected' || d.change.effectiveAt !== undefined),
    {
      message: 'a corrected change, and only it, carries a correction and its new effectiveAt',
      path: ['change', 'correction'],
    },
  );

export type UnitOccupancyChangedData = z.infer<typeof unitOccupancyChangedDataSchema>;
export type OccupancyChange = z.infer<typeof occupancyChangeSchema>;

export const unitOccupancyChangedSchema = cloudEventSchema(
  UNIT_OCCUPANCY_CHANGED,
  unitOccupancyChangedDataSchema,
);
export type UnitOccupancyChangedEvent = z.infer<typeof unitOccupancyChangedSchema>;

export const unitOccupancyChanged = defineContract(
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  unitOccupancyChangedSchema,
);
