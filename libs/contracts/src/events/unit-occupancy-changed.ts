/** `…unit.occupancy-changed` on institution.occupancy.v1: a unit's resulting state after one change. */
import {
  BLOCK_REASONS,
  DISCHARGE_REASONS,
  DISTRICT_CODES,
  PROVIDER_TYPES,
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
  'renamed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const count = z.number().int().nonnegative().max(100_000);

export const occupancyChangeSchema = z.strictObject({
  kind: z.enum(CHANGE_KINDS),
  stayId: z.uuid().optional(),
  referringDistrictCode: z.enum(DISTRICT_CODES).optional(),
  dischargeReason: z.enum(DISCHARGE_REASONS).optional(),
  places: z.number().int().optional(),
  reason: z.enum(BLOCK_REASONS).or(z.literal('capacity-change')).optional(),
  plannedDischargeDate: z.iso.date().optional(),
});

export const unitOccupancyChangedDataSchema = z
  .strictObject({
    unitId: z.uuid(),
    unitName: freeText(MAX_NAME_LENGTH),
    institutionId: z.uuid(),
    institutionName: freeText(MAX_NAME_LENGTH),
    category: z.enum(SERVICE_CATEGORY_CODES),
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
  });

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
