/** Every topic of the contract with its settings; each service ensures them at boot (idempotent). */
import { deadLetterTopic, TOPICS } from '@plass/contracts';
import type { TopicSpec } from './kafka';

const FOREVER = -1;
const WEEK = 7 * 24 * 3600_000;

export const STANDARD_TOPICS: TopicSpec[] = [
  // The sources' topics are the replayable history of the read model: kept for ever (`npm run rebuild`).
  { topic: TOPICS.institutionOccupancy, retentionMs: FOREVER },
  { topic: TOPICS.housingAvailability, retentionMs: FOREVER },
  // Derived topics can be regenerated from the sources: a week is plenty for live consumers.
  { topic: TOPICS.capacityChanged, retentionMs: WEEK },
  { topic: TOPICS.capacityAlerts, retentionMs: FOREVER },
  ...[TOPICS.institutionOccupancy, TOPICS.housingAvailability, TOPICS.capacityChanged].map((t) => ({
    topic: deadLetterTopic(t),
    partitions: 1,
    retentionMs: FOREVER,
  })),
];
