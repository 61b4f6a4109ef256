/** Builds the validated outbox message of a refused reservation (institution.reservations.v1, ADR 0161). */
import {
  createEvent,
  RESERVATION_REFUSED,
  RESERVATION_REFUSED_SCHEMA,
  reservationRefused,
  TOPICS,
} from '@plass/contracts';
import type { OutgoingMessage } from '@plass/messaging';
import { SOURCE } from '../unit/unit.event';
import type { OfferRefusal } from './offer-refusal.repository';

/** `sequence`: the referral's sequence in the `referral.offered` event this answers. */
export function reservationRefusedMessage(refusal: OfferRefusal, sequence: number): OutgoingMessage {
  const event = createEvent({
    source: SOURCE,
    type: RESERVATION_REFUSED,
    subject: refusal.referralId,
    sequence,
    dataschema: RESERVATION_REFUSED_SCHEMA,
    data: {
      offerId: refusal.offerId,
      referralId: refusal.referralId,
      unitId: refusal.unitId,
      reason: refusal.reason,
    },
  });
  // A payload that does not match the contract never leaves the producer.
  reservationRefused.parse(event);
  return { topic: TOPICS.institutionReservations, key: refusal.referralId, value: JSON.stringify(event) };
}
