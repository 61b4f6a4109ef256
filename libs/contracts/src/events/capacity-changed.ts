/** `…capacity.changed` on capacity.changed.v1: the new totals of one scope, versioned per scope. */
import { SCOPES, type Scope } from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, defineContract, EVENT_TYPE_PREFIX } from '../envelope';
import { freeText, MAX_NAME_LENGTH, plainText } from '../free-text';

export const CAPACITY_CHANGED = `${EVENT_TYPE_PREFIX}capacity.changed` as const;
export const CAPACITY_CHANGED_SCHEMA = 'urn:plassoversikt:capacity-changed:1';

/** The scope vocabulary lives in @plass/domain; the contract re-exports it for its readers. */
export { SCOPES, type Scope };

const count = z.number().int();

export const capacityTotalsSchema = z.strictObject({
  capacity: count,
  occupied: count,
  blocked: count,
  reserved: count,
  available: count,
  occupancyRate: z.number().nullable(),
});

/**
 * A scope's totals (ADR 0171): `available` is the scope's free places, Σ max(0, available) over its open
 * units, so one unit over capacity never hides another's free places; `overCapacity` is Σ max(0, −available),
 * the places used beyond what the units have. Optional: messages before ADR 0171 lack it, and their
 * `available` was capacity − occupied − blocked − reserved of the whole scope.
 */
export const scopeTotalsSchema = capacityTotalsSchema.extend({
  overCapacity: count.nonnegative().optional(),
});

export const capacityChangedDataSchema = z.strictObject({
  scope: z.enum(SCOPES),
  id: plainText(200).nullable(),
  key: plainText(200),
  name: freeText(MAX_NAME_LENGTH).nullable(),
  totals: scopeTotalsSchema,
  /**
   * Referrals waiting (status waiting or offered) whose first preference is this category; the city:
   * all. Only on the city and category scopes, and optional: messages before ADR 0162 lack it.
   */
  waiting: count.nonnegative().optional(),
  version: z.number().int().nonnegative(),
  updatedAt: z.iso.datetime(),
});

export type CapacityChangedData = z.infer<typeof capacityChangedDataSchema>;
export type CapacityTotalsPayload = z.infer<typeof capacityTotalsSchema>;
export type ScopeTotalsPayload = z.infer<typeof scopeTotalsSchema>;

export const capacityChangedSchema = cloudEventSchema(CAPACITY_CHANGED, capacityChangedDataSchema);
export type CapacityChangedEvent = z.infer<typeof capacityChangedSchema>;

export const capacityChanged = defineContract(
  CAPACITY_CHANGED,
  CAPACITY_CHANGED_SCHEMA,
  capacityChangedSchema,
);
