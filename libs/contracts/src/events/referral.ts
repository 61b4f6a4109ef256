/**
 * `…referral.created` and `…referral.withdrawn` on intake.referrals.v1 (key and subject: the referral id):
 * a referral's resulting state after one change, versioned by `sequence` (ARCHITECTURE §10). Offers and
 * placement add their own types on the same topic, with the same data. A referral is a need, not a
 * person: every field is a code from a closed list, a date or an id; there is no free text at all.
 */
import {
  DISTRICT_CODES,
  MAX_REFERRAL_CATEGORIES,
  REFERRAL_NEEDS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  REFERRAL_WITHDRAWAL_REASONS,
  SERVICE_CATEGORY_CODES,
} from '@plass/domain';
import { z } from 'zod';
import { cloudEventSchema, ContractViolation, defineContract, EVENT_TYPE_PREFIX } from '../envelope';

export const REFERRAL_CREATED = `${EVENT_TYPE_PREFIX}referral.created` as const;
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
  /** When the referral was received: the waiting time counts from here, also after a declined offer. */
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Rises by exactly one with every change of the referral; 1 when created. */
  sequence: z.number().int().positive(),
};

/** The rule between the fields that JSON Schema cannot say. */
export function checkReferralState(
  r: { status: string; withdrawalReason: string | null },
  ctx: z.RefinementCtx,
): void {
  if ((r.status === 'withdrawn') !== (r.withdrawalReason !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['withdrawalReason'],
      message: 'withdrawalReason is set exactly when the referral is withdrawn',
    });
  }
}

/** The referral as it is after a change: the data of every referral event. */
export const referralStateSchema = z.strictObject(referralFields).superRefine(checkReferralState);

export type ReferralState = z.infer<typeof referralStateSchema>;

/** The transitions announced so far, each with the status the referral has after it. */
const STATUS_AFTER = { created: 'waiting', withdrawn: 'withdrawn' } as const;
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
    if (e.data.status !== STATUS_AFTER[transition]) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'status'],
        message: `a referral.${transition} event carries the referral as ${STATUS_AFTER[transition]}`,
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
export const referralWithdrawnSchema = referralEventSchema(REFERRAL_WITHDRAWN, 'withdrawn');

export type ReferralCreatedEvent = z.infer<typeof referralCreatedSchema>;
export type ReferralWithdrawnEvent = z.infer<typeof referralWithdrawnSchema>;
export type ReferralEvent = ReferralCreatedEvent | ReferralWithdrawnEvent;

export const referralCreated = defineContract(REFERRAL_CREATED, REFERRAL_SCHEMA, referralCreatedSchema);
export const referralWithdrawn = defineContract(REFERRAL_WITHDRAWN, REFERRAL_SCHEMA, referralWithdrawnSchema);

const REFERRAL_CONTRACTS = {
  [REFERRAL_CREATED]: referralCreated,
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
