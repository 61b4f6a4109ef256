/**
 * `…housing.changed` on capacity.changed.v1 (key `housing:<districtCode>`): one district's housing
 * supply (dwellings by status) next to its registered need, per housing type, versioned per district.
 * The gateway pushes it as the socket event `housing:changed` (docs/decisions/0040).
 */
import { DISTRICT_CODES, HOUSING_TYPES, type HousingType } from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, ContractViolation, defineContract, EVENT_TYPE_PREFIX } from '../envelope';
import { freeText, MAX_NAME_LENGTH } from '../free-text';
import { CAPACITY_CHANGED, capacityChanged, type CapacityChangedEvent } from './capacity-changed';

export const HOUSING_CHANGED = `${EVENT_TYPE_PREFIX}housing.changed` as const;
export const HOUSING_CHANGED_SCHEMA = 'urn:plassoversikt:housing-changed:1';

/** The Kafka key and CloudEvents subject of a district's housing: `housing:<districtCode>`. */
export function housingKey(districtCode: string): string {
  return `housing:${districtCode}`;
}

const count = z.number().int().nonnegative();

export const housingSupplySchema = z.strictObject({
  vacant: count,
  reserved: count,
  occupied: count,
  unavailable: count,
  /** Households registered as needing this type (boligbehov). */
  need: count,
});
export type HousingSupply = z.infer<typeof housingSupplySchema>;

export const housingByTypeSchema = z.strictObject(
  Object.fromEntries(HOUSING_TYPES.map((type) => [type, housingSupplySchema])) as Record<
    HousingType,
    typeof housingSupplySchema
  >,
);
export type HousingByType = z.infer<typeof housingByTypeSchema>;

export const housingChangedDataSchema = z
  .strictObject({
    key: z.string(),
    districtCode: z.enum(DISTRICT_CODES),
    name: freeText(MAX_NAME_LENGTH),
    byType: housingByTypeSchema,
    totals: housingSupplySchema,
    /** Rises by one with every published change of this district (per batch, not per source event). */
    version: z.number().int().nonnegative(),
    updatedAt: z.iso.datetime(),
  })
  .refine((d) => d.key === housingKey(d.districtCode), {
    message: 'key must be housing:<districtCode>',
    path: ['key'],
  });
export type HousingChangedData = z.infer<typeof housingChangedDataSchema>;

export const housingChangedSchema = cloudEventSchema(HOUSING_CHANGED, housingChangedDataSchema).refine(
  (e) => e.subject === e.data.key && e.sequence === e.data.version,
  { message: 'subject must be the key and sequence the version', path: ['subject'] },
);
export type HousingChangedEvent = z.infer<typeof housingChangedSchema>;

export const housingChanged = defineContract(HOUSING_CHANGED, HOUSING_CHANGED_SCHEMA, housingChangedSchema);

/** Any message of capacity.changed.v1: a scope's capacity totals or a district's housing. */
export type CapacityTopicEvent = CapacityChangedEvent | HousingChangedEvent;

/** Parses a message of capacity.changed.v1 by its type (the gateway's feed reads both). */
export function parseCapacityTopicEvent(value: unknown): CapacityTopicEvent {
  const type = (value as { type?: unknown } | null)?.type;
  if (type === CAPACITY_CHANGED) return capacityChanged.parse(value);
  if (type === HOUSING_CHANGED) return housingChanged.parse(value);
  throw new ContractViolation(
    `type must be ${CAPACITY_CHANGED} or ${HOUSING_CHANGED}; got ${JSON.stringify(type)}`,
  );
}
