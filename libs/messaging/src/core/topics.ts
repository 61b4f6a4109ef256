/** Every topic of the contract with its settings; each service ensures them at boot (idempotent). */
import { deadLetterTopic, TOPICS } from '@plass/contracts';
import { DEAD_LETTER_MAX_BYTES } from './consumer';
import type { TopicSpec } from './kafka';

const FOREVER = -1;
const WEEK = 7 * 24 * 3600_000;

export const STANDARD_TOPICS: TopicSpec[] = [
  // The sources' topics are the replayable history of the read model: kept for ever (`npm run rebuild`).
  { topic: TOPICS.institutionOccupancy, retentionMs: FOREVER },
  { topic: TOPICS.housingAvailability, retentionMs: FOREVER },
  // Every referral's history: what demand analytics (received, placed, waiting times) are counted from.
  { topic: TOPICS.intakeReferrals, retentionMs: FOREVER },
  // Every purchased place's history: what the financing report counts purchases from (ADR 0225).
  { topic: TOPICS.intakePurchases, retentionMs: FOREVER },
  // The institution's answers to offers it could not reserve (ADR 0161): part of each offer's history.
  { topic: TOPICS.institutionReservations, retentionMs: FOREVER },
  // Derived topics can be regenerated from the sources: a week is plenty for live consumers.
  { topic: TOPICS.capacityChanged, retentionMs: WEEK },
  { topic: TOPICS.capacityAlerts, retentionMs: FOREVER },
  // Every topic is consumed by a BatchConsumer somewhere, so every topic has its dead-letter topic, with
  // the size limit the consumer truncates its dead letters to (ADR 0105).
  ...Object.values(TOPICS).map((t) => ({
    topic: deadLetterTopic(t),
    partitions: 1,
    retentionMs: FOREVER,
    maxMessageBytes: DEAD_LETTER_MAX_BYTES,
  })),
];
