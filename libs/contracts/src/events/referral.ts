/**
 * The events of intake.referrals.v1 (key and subject: the referral id): a referral's resulting state after
 * one change, versioned by `sequence` (ARCHITECTURE §10): created, offered, offer-reserved (the institution
 * holds the place), offer-answered, offer-expired (also when the institution refused it: no free place),
 * placed, withdrawn. A referral is a need, not a person: every field is a code from a closed list, a date
 * or an id; there is no free text at all.
 */
import {
  DISTRICT_CODES,
  LIVE_OFFER_OUTCOMES,
  MAX_REFERRAL_CATEGORIES,
  OFFER_DECLINE_REASONS,
  OFFER_OUTCOMES,
  REFERRAL_NEEDS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  REFERRAL_WITHDRAWAL_REASONS,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, ContractViolation, defineContract, EVENT_TYPE_PREFIX } from '../envelope';

export const REFERRAL_CREATED = `${EVENT_TYPE_PREFIX}referral.created` as const;
export const REFERRAL_OFFERED = `${EVENT_TYPE_PREFIX}referral.offered` as const;
export const REFERRAL_OFFER_RESERVED = `${EVENT_TYPE_PREFIX}referral.offer-reserved` as const;
export const REFERRAL_OFFER_ANSWERED = `${EVENT_TYPE_PREFIX}referral.offer-answered` as const;
export const REFERRAL_OFFER_EXPIRED = `${EVENT_TYPE_PREFIX}referral.offer-expired` as const;
export const REFERRAL_PLACED = `${EVENT_TYPE_PREFIX}referral.placed` as const;
export const REFERRAL_WITHDRAWN = `${EVENT_TYPE_PREFIX}referral.withdrawn` as const;
/** One data schema for every referral event: each carries the whole referral. */
export const REFERRAL_SCHEMA = 'urn:plassoversikt:referral:1';

const unique = (list: readonly string[]) => new Set(list).size === list.length;

/** 1–3 service categories in order of preference, none twice. */
export const referralCategoriesSchema = z
  .array(z.enum(SERVICE_CATEGORY_CODES))
  .min(1)
  .max(MAX_REFERRAL_CATEGORIES)
  .refine(unique, { message: 'categories must not name a category twice' });

/** What the place must offer beside its category, none twice. */
export const referralNeedsSchema = z
  .array(z.enum(REFERRAL_NEEDS))
  .max(REFERRAL_NEEDS.length)
  .refine(unique, { message: 'needs must not name a need twice' });

/**
 * A referral's latest offer: one place in one unit, reserved for the referring district until `expiresAt`.
 * The reservation at the institution has the offer's id as its id (ADR 0161), so the two can be matched
 * without a lookup and a redelivered offer reserves nothing twice.
 */
export const referralOfferSchema = z.strictObject({
  offerId: z.uuid(),
  unitId: z.uuid(),
  /** The unit's category: one of the referral's categories. */
  category: z.enum(SERVICE_CATEGORY_CODES),
  offeredAt: z.iso.datetime(),
  /** Until when the place is held; an offer not answered and admitted by then expires. */
  expiresAt: z.iso.datetime(),
  /** The institution's reservation (its id is `offerId`); null until the institution has reserved the place. */
  reservationId: z.uuid().nullable(),
  outcome: z.enum(OFFER_OUTCOMES),
  /** Set exactly when `outcome` is `declined`. */
  declineReason: z.enum(OFFER_DECLINE_REASONS).nullable(),
  /** When the outcome was decided; null while `open`. */
  decidedAt: z.iso.datetime().nullable(),
});
export type ReferralOffer = z.infer<typeof referralOfferSchema>;

/** The fields of a referral; `referralStateSchema` and the REST `Referral` are made from them. */
export const referralFields = {
  id: z.uuid(),
  /** The referring district (bydel). */
  districtCode: z.enum(DISTRICT_CODES),
  categories: referralCategoriesSchema,
  urgency: z.enum(REFERRAL_URGENCIES),
  needs: referralNeedsSchema,
  /** The earliest day a place can be taken (YYYY-MM-DD); null: as soon as possible. */
  earliestDate: z.iso.date().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  /** Set exactly when `status` is `withdrawn`. */
  withdrawalReason: z.enum(REFERRAL_WITHDRAWAL_REASONS).nullable(),
  /** The latest offer, whatever became of it; null before the first. */
  offer: referralOfferSchema.nullable(),
  /** The stay the referral was placed in (the admission from the offer's reservation); set exactly when placed. */
  stayId: z.uuid().nullable(),
  /** When the resident was admitted; set exactly when placed. Waiting time is `placedAt − createdAt`. */
  placedAt: z.iso.datetime().nullable(),
  /** When the referral was received: the waiting time counts from here, also after a declined offer. */
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Rises by exactly one with every change of the referral; 1 when created. */
  sequence: z.number().int().positive(),
};

const LIVE: readonly string[] = LIVE_OFFER_OUTCOMES;

/** The rules between the fields that JSON Schema cannot say. */
export function checkReferralState(
  r: {
    status: string;
    withdrawalReason: string | null;
    offer: ReferralOffer | null;
    stayId: string | null;
    placedAt: string | null;
  },
  ctx: z.RefinementCtx,
): void {
  const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if ((r.status === 'withdrawn') !== (r.withdrawalReason !== null)) {
    issue(['withdrawalReason'], 'withdrawalReason is set exactly when the referral is withdrawn');
  }
  const live = r.offer !== null && LIVE.includes(r.offer.outcome);
  if (r.status === 'placed') {
    if (r.offer?.outcome !== 'accepted' || r.offer.reservationId === null) {
      issue(['offer', 'outcome'], 'a placed referral was placed from the reservation of its accepted offer');
    }
  } else if ((r.status === 'offered') !== live) {
    issue(['offer', 'outcome'], 'a referral is offered exactly when its latest offer is open or accepted');
  }
  if ((r.status === 'placed') !== (r.stayId !== null) || (r.stayId === null) !== (r.placedAt === null)) {
    issue(['stayId'], 'stayId and placedAt are set exactly when the referral is placed');
  }
  if (r.offer && (r.offer.outcome === 'declined') !== (r.offer.declineReason !== null)) {
    issue(['offer', 'declineReason'], 'declineReason is set exactly when the offer was declined');
  }
  if (r.offer && (r.offer.outcome === 'open') !== (r.offer.decidedAt === null)) {
    issue(['offer', 'decidedAt'], 'decidedAt is set exactly when the offer is no longer open');
  }
}

/** The referral as it is after a change: the data of every referral event. */
export const referralStateSchema = z.strictObject(referralFields).superRefine(checkReferralState);

export type ReferralState = z.infer<typeof referralStateSchema>;

/** Each transition with the statuses the referral may have after it. */
const STATUS_AFTER = {
  created: ['waiting'],
  offered: ['offered'],
  'offer-reserved': ['offered'],
  /** Accepted: still offered until the admission; declined: back on the waiting list. */
  'offer-answered': ['offered', 'waiting'],
  'offer-expired': ['waiting'],
  placed: ['placed'],
  withdrawn: ['withdrawn'],
} as const satisfies Record<string, readonly string[]>;
type ReferralTransition = keyof typeof STATUS_AFTER;

function referralEventSchema<T extends string>(type: T, transition: ReferralTransition) {
  return cloudEventSchema(type, referralStateSchema).superRefine((e, ctx) => {
    if (e.subject !== e.data.id) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'subject must be the referral id' });
    }
    if (e.sequence !== e.data.sequence) {
      ctx.addIssue({
        code: 'custom',
        path: ['sequence'],
        message: 'sequence must be the referral sequence',
      });
    }
    const after: readonly string[] = STATUS_AFTER[transition];
    if (!after.includes(e.data.status)) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'status'],
        message: `a referral.${transition} event carries the referral as ${after.join(' or ')}`,
      });
    }
    if (transition === 'created' && e.data.sequence !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'sequence'],
        message: 'a created referral has sequence 1',
      });
    }
  });
}

export const referralCreatedSchema = referralEventSchema(REFERRAL_CREATED, 'created');
export const referralOfferedSchema = referralEventSchema(REFERRAL_OFFERED, 'offered');
export const referralOfferReservedSchema = referralEventSchema(REFERRAL_OFFER_RESERVED, 'offer-reserved');
export const referralOfferAnsweredSchema = referralEventSchema(REFERRAL_OFFER_ANSWERED, 'offer-answered');
export const referralOfferExpiredSchema = referralEventSchema(REFERRAL_OFFER_EXPIRED, 'offer-expired');
export const referralPlacedSchema = referralEventSchema(REFERRAL_PLACED, 'placed');
export const referralWithdrawnSchema = referralEventSchema(REFERRAL_WITHDRAWN, 'withdrawn');

export type ReferralCreatedEvent = z.infer<typeof referralCreatedSchema>;
export type ReferralWithdrawnEvent = z.infer<typeof referralWithdrawnSchema>;
export type ReferralEventType =
  | typeof REFERRAL_CREATED
  | typeof REFERRAL_OFFERED
  | typeof REFERRAL_OFFER_RESERVED
  | typeof REFERRAL_OFFER_ANSWERED
  | typeof REFERRAL_OFFER_EXPIRED
  | typeof REFERRAL_PLACED
  | typeof REFERRAL_WITHDRAWN;
/** Every referral event has the same shape; `type` says which change it was. */
export type ReferralEvent = Omit<ReferralCreatedEvent, 'type'> & { type: ReferralEventType };

export const referralCreated = defineContract(REFERRAL_CREATED, REFERRAL_SCHEMA, referralCreatedSchema);
export const referralOffered = defineContract(REFERRAL_OFFERED, REFERRAL_SCHEMA, referralOfferedSchema);
export const referralOfferReserved = defineContract(
  REFERRAL_OFFER_RESERVED,
  REFERRAL_SCHEMA,
  referralOfferReservedSchema,
);
export const referralOfferAnswered = defineContract(
  REFERRAL_OFFER_ANSWERED,
  REFERRAL_SCHEMA,
  referralOfferAnsweredSchema,
);
export const referralOfferExpired = defineContract(
  REFERRAL_OFFER_EXPIRED,
  REFERRAL_SCHEMA,
  referralOfferExpiredSchema,
);
export const referralPlaced = defineContract(REFERRAL_PLACED, REFERRAL_SCHEMA, referralPlacedSchema);
export const referralWithdrawn = defineContract(REFERRAL_WITHDRAWN, REFERRAL_SCHEMA, referralWithdrawnSchema);

const REFERRAL_CONTRACTS = {
  [REFERRAL_CREATED]: referralCreated,
  [REFERRAL_OFFERED]: referralOffered,
  [REFERRAL_OFFER_RESERVED]: referralOfferReserved,
  [REFERRAL_OFFER_ANSWERED]: referralOfferAnswered,
  [REFERRAL_OFFER_EXPIRED]: referralOfferExpired,
  [REFERRAL_PLACED]: referralPlaced,
  [REFERRAL_WITHDRAWN]: referralWithdrawn,
} as const;

/** Parses any message of intake.referrals.v1 by its type (for consumers of the whole topic). */
export function parseReferralEvent(value: unknown): ReferralEvent {
  const type = (value as { type?: unknown } | null)?.type;
  const contract =
    typeof type === 'string' ? REFERRAL_CONTRACTS[type as keyof typeof REFERRAL_CONTRACTS] : undefined;
  if (!contract) {
    throw new ContractViolation(
      `type must be one of ${Object.keys(REFERRAL_CONTRACTS).join(', ')}; got ${JSON.stringify(type)}`,
    );
  }
  return contract.parse(value);
}

/** The type of every event on intake.referrals.v1, announced or later (`…referral.<change>`). */
const REFERRAL_TYPE = new RegExp(`^${EVENT_TYPE_PREFIX.replace(/\./g, '\\.')}referral\\.[a-z][a-z-]*$`);

/**
 * Any referral event, read by what every one of them carries: the referral's resulting state. A consumer
 * that only follows the state (the capacity service's demand) parses with this, so later types
 * (offered, offer-answered, offer-expired, placed) need no change there (ADR 0162).
 */
export const referralChangeSchema = cloudEventSchema(REFERRAL_CREATED, referralStateSchema)
  .extend({ type: z.string().regex(REFERRAL_TYPE) })
  .superRefine((e, ctx) => {
    if (e.subject !== e.data.id) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'subject must be the referral id' });
    }
    if (e.sequence !== e.data.sequence) {
      ctx.addIssue({ code: 'custom', path: ['sequence'], message: 'sequence must be the referral sequence' });
    }
  });

export type ReferralChangeEvent = z.infer<typeof referralChangeSchema>;

/** Parses any referral event by its data; a known type is also checked by its own contract. */
export function parseReferralChange(value: unknown): ReferralChangeEvent {
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && type in REFERRAL_CONTRACTS) return parseReferralEvent(value);
  const result = referralChangeSchema.safeParse(value);
  if (!result.success) throw new ContractViolation(z.prettifyError(result.error));
  return result.data;
}
