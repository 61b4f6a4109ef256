/** `…housing-unit.status-changed` on housing.availability.v1: a dwelling's resulting state after one change. */
import { DISTRICT_CODES, HOUSING_STATUSES, HOUSING_TYPES } from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, defineContract, EVENT_TYPE_PREFIX } from '../envelope';

export const HOUSING_UNIT_STATUS_CHANGED = `${EVENT_TYPE_PREFIX}housing-unit.status-changed` as const;
export const HOUSING_UNIT_STATUS_CHANGED_SCHEMA = 'urn:plassoversikt:housing-unit-status-changed:1';

/** Why a dwelling is out of use. A fixed list: free text could carry a tenant's name. */
export const HOUSING_UNAVAILABLE_REASONS = ['renovation', 'damage', 'other-use'] as const;
export type HousingUnavailableReason = (typeof HOUSING_UNAVAILABLE_REASONS)[number];

/** What caused the event: registration, a person changing the status, or a reservation running out. */
export const HOUSING_UNIT_CHANGES = ['registered', 'status-changed', 'reservation-expired'] as const;
export type HousingUnitChange = (typeof HOUSING_UNIT_CHANGES)[number];

export const housingUnitStatusChangedDataSchema = z
  .strictObject({
    housingUnitId: z.uuid(),
    districtCode: z.enum(DISTRICT_CODES),
    type: z.enum(HOUSING_TYPES),
    status: z.enum(HOUSING_STATUSES),
    /** Null only on registration. */
    previousStatus: z.enum(HOUSING_STATUSES).nullable(),
    /** Present exactly when status is `unavailable`. */
    reason: z.enum(HOUSING_UNAVAILABLE_REASONS).optional(),
    /** Present exactly when status is `reserved`; the reservation lapses back to `vacant` then. */
    reservedUntil: z.iso.datetime().optional(),
    change: z.enum(HOUSING_UNIT_CHANGES),
  })
  .superRefine((d, ctx) => {
    if ((d.status === 'unavailable') !== (d.reason !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason is given exactly when unavailable' });
    }
    if ((d.status === 'reserved') !== (d.reservedUntil !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reservedUntil'],
        message: 'reservedUntil is given exactly when reserved',
      });
    }
    if ((d.change === 'registered') !== (d.previousStatus === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousStatus'],
        message: 'previousStatus is null exactly on registration',
      });
    }
    if (d.change === 'reservation-expired' && (d.previousStatus !== 'reserved' || d.status !== 'vacant')) {
      ctx.addIssue({
        code: 'custom',
        path: ['change'],
        message: 'an expired reservation goes from reserved to vacant',
      });
    }
  });

export type HousingUnitStatusChangedData = z.infer<typeof housingUnitStatusChangedDataSchema>;

export const housingUnitStatusChangedSchema = cloudEventSchema(
  HOUSING_UNIT_STATUS_CHANGED,
  housingUnitStatusChangedDataSchema,
).refine((e) => e.subject === e.data.housingUnitId, {
  message: 'subject must be the housing unit id',
  path: ['subject'],
});
export type HousingUnitStatusChangedEvent = z.infer<typeof housingUnitStatusChangedSchema>;

export const housingUnitStatusChanged = defineContract(
  HOUSING_UNIT_STATUS_CHANGED,
  HOUSING_UNIT_STATUS_CHANGED_SCHEMA,
  housingUnitStatusChangedSchema,
);
