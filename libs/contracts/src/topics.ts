/** Versioned Kafka topic names (ARCHITECTURE.md §3). */
export const TOPICS = {
  institutionOccupancy: 'institution.occupancy.v1',
  housingAvailability: 'housing.availability.v1',
  capacityChanged: 'capacity.changed.v1',
  capacityAlerts: 'capacity.alerts.v1',
  intakeReferrals: 'intake.referrals.v1',
  intakePurchases: 'intake.purchases.v1',
  institutionReservations: 'institution.reservations.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The dead-letter topic that receives a source topic's poison messages. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * Topic name in a namespace. Tests set a prefix so that they never read demo data or each other's
 * events on a shared broker; production leaves it empty.
 */
export function topicName(topic: TopicName, prefix = ''): string {
  return prefix ? `${prefix}.${topic}` : topic;
}
