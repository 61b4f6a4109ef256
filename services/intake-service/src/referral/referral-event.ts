/** Builds the validated outbox message of a referral event, carrying the referral's resulting state. */
import { createEvent, parseReferralEvent, REFERRAL_SCHEMA, TOPICS } from '@plass/contracts';
import type { ReferralEventType } from '@plass/contracts';
import type { OutgoingMessage } from '@plass/messaging';
import type { ReferralEntity } from './referral.entity';
import { toReferralState } from './referral.mapper';

export const SOURCE = '/intake-service';

export function referralMessage(referral: ReferralEntity, type: ReferralEventType): OutgoingMessage {
  const event = createEvent({
    source: SOURCE,
    type,
    subject: referral.id,
    sequence: referral.sequence,
    dataschema: REFERRAL_SCHEMA,
    time: referral.updatedAt,
    data: toReferralState(referral),
  });
  // A payload that does not match the contract never leaves the producer.
  parseReferralEvent(event);
  return { topic: TOPICS.intakeReferrals, key: referral.id, value: JSON.stringify(event) };
}
