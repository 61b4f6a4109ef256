/**
 * What the messaging layer shows Prometheus: consumer lag per group and partition, dead letters per
 * topic, and the outbox's backlog (ADR 0140). Names use the Kafka names (group and topic with the
 * namespace prefix, which is empty in production), so they match what Kafka's own tools show.
 */
import { counter, scrapedGauge, type GaugeSample } from '@plass/observability';

type LagLabel = 'group' | 'topic' | 'partition';

/** Read at scrape time from what the consumers recorded at their last fetch and commit: no broker call. */
export const consumerLag = () =>
  scrapedGauge<LagLabel>(
    'plass_kafka_consumer_lag_messages',
    'Messages of a partition not yet committed by the consumer group (high watermark minus committed offset), as of its last fetch',
    ['group', 'topic', 'partition'],
  );

export type ConsumerLagSample = GaugeSample<LagLabel>;

export const deadLetters = () =>
  counter(
    'plass_kafka_dead_letters_total',
    'Messages a consumer group sent to the dead-letter topic, by source topic and kind (invalid, refused)',
    ['group', 'topic', 'kind'],
  );

export const outboxBacklog = () =>
  scrapedGauge(
    'plass_outbox_backlog_messages',
    'Outbox rows not yet published to Kafka (failed rows excluded)',
  );

export const outboxOldestAge = () =>
  scrapedGauge(
    'plass_outbox_oldest_unpublished_age_seconds',
    'Age of the oldest outbox row not yet published to Kafka; 0 when there is none',
  );

export const outboxPublished = () =>
  counter('plass_outbox_published_total', 'Outbox rows published to Kafka by this relay');

export const outboxFailed = () =>
  counter('plass_outbox_failed_total', 'Outbox rows Kafka refused for good, marked failed_at');
