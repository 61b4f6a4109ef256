/**
 * The events of intake.purchases.v1 (key and subject: the purchase id): a purchased place (enkeltkjøp) a
 * district bought from a private provider, as it is after one change, versioned by `sequence` (ADR 0225):
 * recorded, ended. A purchase is a contract for a place, not a person: the provider's organisation name,
 * codes, dates and a price per day; no resident data.
 */
import { DISTRICT_CODES, SERVICE_CATEGORY_CODES } from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, ContractViolation, defineContract, EVENT_TYPE_PREFIX } from '../envelope';
import { freeText, MAX_NAME_LENGTH } from '../free-text';

export const PURCHASE_RECORDED = `${EVENT_TYPE_PREFIX}purchase.recorded` as const;
export const PURCHASE_ENDED = `${EVENT_TYPE_PREFIX}purchase.ended` as const;
/** One data schema for both purchase events: each carries the whole purchase. */
export const PURCHASE_SCHEMA = 'urn:plassoversikt:purchase:1';

/** The highest price per day accepted, in whole kroner: well above any place's price, below a typo. */
export const MAX_PRICE_PER_DAY = 1_000_000;

/** Price per day (døgnpris) in whole Norwegian kroner (ADR 0226). */
export const pricePerDaySchema = z
  .number()
  .int({ error: 'must be whole kroner' })
  .min(1, { error: 'must be more than 0 kroner' })
  .max(MAX_PRICE_PER_DAY, { error: `must be at most ${MAX_PRICE_PER_DAY} kroner` });

/** The fields of a purchase; `purchaseStateSchema` and the REST `Purchase` are made from them. */
export const purchaseFields = {
  id: z.uuid(),
  /** The district (bydel) that bought the place and pays for it. */
  districtCode: z.enum(DISTRICT_CODES),
  /** The provider's organisation name: a name, never a person's data. */
  providerName: freeText(MAX_NAME_LENGTH),
  category: z.enum(SERVICE_CATEGORY_CODES),
  /** The first day the place is bought for (YYYY-MM-DD, Oslo calendar). */
  from: z.iso.date(),
  /** The last day the place is bought for (inclusive); null while the purchase is open-ended. */
  to: z.iso.date().nullable(),
  pricePerDay: pricePerDaySchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Rises by exactly one with every change of the purchase; 1 when recorded. */
  sequence: z.number().int().positive(),
};

/** `to` is never before `from`. */
export function checkPurchasePeriod(p: { from: string; to: string | null }, ctx: z.RefinementCtx): void {
  if (p.to !== null && p.to < p.from) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `to (${p.to}) must not be before from (${p.from})`,
    });
  }
}

/** The purchase as it is after a change: the data of every purchase event. */
export const purchaseStateSchema = z.strictObject(purchaseFields).superRefine(checkPurchasePeriod);
export type PurchaseState = z.infer<typeof purchaseStateSchema>;

function purchaseEventSchema<T extends string>(type: T, transition: 'recorded' | 'ended') {
  return cloudEventSchema(type, purchaseStateSchema).superRefine((e, ctx) => {
    if (e.subject !== e.data.id) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'subject must be the purchase id' });
    }
    if (e.sequence !== e.data.sequence) {
      ctx.addIssue({ code: 'custom', path: ['sequence'], message: 'sequence must be the purchase sequence' });
    }
    if (transition === 'recorded' && e.data.sequence !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'sequence'],
        message: 'a recorded purchase has sequence 1',
      });
    }
    if (transition === 'ended' && e.data.to === null) {
      ctx.addIssue({ code: 'custom', path: ['data', 'to'], message: 'an ended purchase has its last day' });
    }
  });
}

export const purchaseRecordedSchema = purchaseEventSchema(PURCHASE_RECORDED, 'recorded');
export const purchaseEndedSchema = purchaseEventSchema(PURCHASE_ENDED, 'ended');

export type PurchaseRecordedEvent = z.infer<typeof purchaseRecordedSchema>;
export type PurchaseEventType = typeof PURCHASE_RECORDED | typeof PURCHASE_ENDED;
/** Both purchase events have the same shape; `type` says which change it was. */
export type PurchaseEvent = Omit<PurchaseRecordedEvent, 'type'> & { type: PurchaseEventType };

export const purchaseRecorded = defineContract(PURCHASE_RECORDED, PURCHASE_SCHEMA, purchaseRecordedSchema);
export const purchaseEnded = defineContract(PURCHASE_ENDED, PURCHASE_SCHEMA, purchaseEndedSchema);

const PURCHASE_CONTRACTS = {
  [PURCHASE_RECORDED]: purchaseRecorded,
  [PURCHASE_ENDED]: purchaseEnded,
} as const;

/** Parses any message of intake.purchases.v1 by its type. */
export function parsePurchaseEvent(value: unknown): PurchaseEvent {
  const type = (value as { type?: unknown } | null)?.type;
  const contract =
    typeof type === 'string' ? PURCHASE_CONTRACTS[type as keyof typeof PURCHASE_CONTRACTS] : undefined;
  if (!contract) {
    throw new ContractViolation(
      `type must be one of ${Object.keys(PURCHASE_CONTRACTS).join(', ')}; got ${JSON.stringify(type)}`,
    );
  }
  return contract.parse(value);
}
