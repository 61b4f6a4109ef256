/**
 * `…housing-need.changed` on housing.availability.v1: one district's registered housing need
 * (boligbehovskartlegging), as the full map of every housing type to households, after one change.
 */
import { DISTRICT_CODES, HOUSING_TYPES, type HousingType } from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, defineContract, EVENT_TYPE_PREFIX } from '../envelope';

export const HOUSING_NEED_CHANGED = `${EVENT_TYPE_PREFIX}housing-need.changed` as const;
export const HOUSING_NEED_CHANGED_SCHEMA = 'urn:plassoversikt:housing-need-changed:1';

export const MAX_HOUSEHOLDS_PER_TYPE = 100_000;

/** The Kafka key and CloudEvents subject of a district's need: `need:<districtCode>`. */
export function housingNeedKey(districtCode: string): string {
  return `need:${districtCode}`;
}

const households = z.number().int().min(0).max(MAX_HOUSEHOLDS_PER_TYPE);

/** Every housing type, each exactly once: a consumer never has to guess what a missing type means. */
export const housingNeedsSchema = z.strictObject(
  Object.fromEntries(HOUSING_TYPES.map((type) => [type, households])) as Record<
    HousingType,
    typeof households
  >,
);
export type HousingNeeds = z.infer<typeof housingNeedsSchema>;

export const housingNeedChangedDataSchema = z.strictObject({
  districtCode: z.enum(DISTRICT_CODES),
  needs: housingNeedsSchema,
});

export type HousingNeedChangedData = z.infer<typeof housingNeedChangedDataSchema>;

export const housingNeedChangedSchema = cloudEventSchema(
  HOUSING_NEED_CHANGED,
  housingNeedChangedDataSchema,
).refine((e) => e.subject === housingNeedKey(e.data.districtCode), {
  message: 'subject must be need:<districtCode>',
  path: ['subject'],
});
export type HousingNeedChangedEvent = z.infer<typeof housingNeedChangedSchema>;

export const housingNeedChanged = defineContract(
  HOUSING_NEED_CHANGED,
  HOUSING_NEED_CHANGED_SCHEMA,
  housingNeedChangedSchema,
);
