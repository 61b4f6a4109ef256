/**
 * `…reservation.refused` on institution.reservations.v1 (key and subject: the referral id): the institution
 * service could not reserve the place an offer named (ADR 0161), so intake puts the referral back on the
 * waiting list. A reservation that was made needs no reply here: it is an `unit.occupancy-changed` event of
 * kind `reservation` whose `change.reservationId` is the offer id.
 */
import { z } from 'zod';
import { cloudEventSchema, defineContract, EVENT_TYPE_PREFIX } from '../envelope';

export const RESERVATION_REFUSED = `${EVENT_TYPE_PREFIX}reservation.refused` as const;
export const RESERVATION_REFUSED_SCHEMA = 'urn:plassoversikt:reservation-refused:1';

/** Why no place was reserved: the unit had none free, is not known to the institution service, or is closed. */
export const RESERVATION_REFUSAL_REASONS = ['no-free-place', 'unit-not-found', 'unit-closed'] as const;
export type ReservationRefusalReason = (typeof RESERVATION_REFUSAL_REASONS)[number];

export const reservationRefusedDataSchema = z.strictObject({
  /** The offer whose place was refused (the reservation would have had this id). */
  offerId: z.uuid(),
  referralId: z.uuid(),
  unitId: z.uuid(),
  reason: z.enum(RESERVATION_REFUSAL_REASONS),
});
export type ReservationRefusedData = z.infer<typeof reservationRefusedDataSchema>;

export const reservationRefusedSchema = cloudEventSchema(
  RESERVATION_REFUSED,
  reservationRefusedDataSchema,
).superRefine((e, ctx) => {
  if (e.subject !== e.data.referralId) {
    ctx.addIssue({ code: 'custom', path: ['subject'], message: 'subject must be the referral id' });
  }
});
export type ReservationRefusedEvent = z.infer<typeof reservationRefusedSchema>;

export const reservationRefused = defineContract(
  RESERVATION_REFUSED,
  RESERVATION_REFUSED_SCHEMA,
  reservationRefusedSchema,
);
