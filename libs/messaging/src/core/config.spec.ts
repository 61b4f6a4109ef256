import { DEFAULT_SESSION_TIMEOUT_MS, kafkaConfigFromEnv, kafkaSaslEnv, kafkaSaslFromEnv } from './config';

const CREDENTIALS = { KAFKA_SASL_USERNAME: 'capacity-service', KAFKA_SASL_PASSWORD: 's3cret' };

describe(kafkaConfigFromEnv.name, () => {
  it('reads the defaults from an environment with only the credentials', () => {
    expect(kafkaConfigFromEnv('svc', CREDENTIALS)).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'svc',
      sasl: { mechanism: 'scram-sha-512', username: 'capacity-service', password: 's3cret' },
      topicPrefix: '',
      partitions: 12,
      replicationFactor: 1,
      sessionTimeoutMs: DEFAULT_SESSION_TIMEOUT_MS,
    });
  });

  it('takes a session timeout from KAFKA_SESSION_TIMEOUT_MS', () => {
    expect(
      kafkaConfigFromEnv('svc', { ...CREDENTIALS, KAFKA_SESSION_TIMEOUT_MS: '30000' }).sessionTimeoutMs,
    ).toBe(30_000);
  });

  it.each(['5999', 'ten', '1.5e4x'])('refuses KAFKA_SESSION_TIMEOUT_MS=%s', (value) => {
    expect(() => kafkaConfigFromEnv('svc', { ...CREDENTIALS, KAFKA_SESSION_TIMEOUT_MS: value })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS must be an integer of at least 6000/,
    );
  });
});

describe(kafkaSaslFromEnv.name, () => {
  it('refuses to start without credentials: the brokers authenticate every client', () => {
    expect(() => kafkaConfigFromEnv('svc', {})).toThrow(
      /KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required/,
    );
    expect(() => kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: 'gateway' })).toThrow(/KAFKA_SASL_PASSWORD/);
    expect(() => kafkaSaslFromEnv({ KAFKA_SASL_PASSWORD: 'x' })).toThrow(/KAFKA_SASL_USERNAME/);
    expect(() => kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: '  ', KAFKA_SASL_PASSWORD: 'x' })).toThrow(
      /KAFKA_SASL_USERNAME/,
    );
  });

  it('takes another mechanism, case-insensitively', () => {
    expect(kafkaSaslFromEnv({ ...CREDENTIALS, KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' })).toEqual({
      mechanism: 'scram-sha-256',
      username: 'capacity-service',
      password: 's3cret',
    });
  });

  it.each(['gssapi', 'oauthbearer', 'scram'])('refuses KAFKA_SASL_MECHANISM=%s', (mechanism) => {
    expect(() => kafkaSaslFromEnv({ ...CREDENTIALS, KAFKA_SASL_MECHANISM: mechanism })).toThrow(
      /KAFKA_SASL_MECHANISM must be one of scram-sha-512, scram-sha-256, plain or none/,
    );
  });

  it('connects without authentication only when told so explicitly, and then without credentials', () => {
    expect(kafkaSaslFromEnv({ KAFKA_SASL_MECHANISM: 'none' })).toBeUndefined();
    expect(kafkaConfigFromEnv('svc', { KAFKA_SASL_MECHANISM: 'none' }).sasl).toBeUndefined();
    expect(() => kafkaSaslFromEnv({ ...CREDENTIALS, KAFKA_SASL_MECHANISM: 'none' })).toThrow(
      /must not come with KAFKA_SASL_USERNAME/,
    );
  });

  it('round-trips through kafkaSaslEnv', () => {
    const sasl = { mechanism: 'scram-sha-512' as const, username: 'ops', password: 'p' };
    expect(kafkaSaslFromEnv(kafkaSaslEnv(sasl))).toEqual(sasl);
  });
});
