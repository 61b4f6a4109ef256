import { DEFAULT_SESSION_TIMEOUT_MS, kafkaConfigFromEnv } from './config';

describe(kafkaConfigFromEnv.name, () => {
  it('reads the defaults from an empty environment', () => {
    expect(kafkaConfigFromEnv('svc', {})).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'svc',
      topicPrefix: '',
      partitions: 12,
      replicationFactor: 1,
      sessionTimeoutMs: DEFAULT_SESSION_TIMEOUT_MS,
    });
  });

  it('takes a session timeout from KAFKA_SESSION_TIMEOUT_MS', () => {
    expect(kafkaConfigFromEnv('svc', { KAFKA_SESSION_TIMEOUT_MS: '30000' }).sessionTimeoutMs).toBe(30_000);
  });

  it.each(['5999', 'ten', '1.5e4x'])('refuses KAFKA_SESSION_TIMEOUT_MS=%s', (value) => {
    expect(() => kafkaConfigFromEnv('svc', { KAFKA_SESSION_TIMEOUT_MS: value })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS must be an integer of at least 6000/,
    );
  });
});
