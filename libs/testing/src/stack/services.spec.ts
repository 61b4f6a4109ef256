import { gatewayMetricsPort } from './services';

/** The kernel's default range for the local ports of outgoing connections (ip_local_port_range). */
const EPHEMERAL_FROM = 32_768;

describe(gatewayMetricsPort.name, () => {
  it('keeps the development default: 1000 above the public port', () => {
    expect(gatewayMetricsPort(8080)).toBe(9080);
  });

  it.each([
    ['test stacks', 20_000, 29_999],
    ['the fault suite', 30_000, 32_700],
  ])(
    'puts every metrics port of %s below the ephemeral range and outside the stacks’ own ports',
    (_, from, to) => {
      for (let port = from; port <= to; port++) {
        const metrics = gatewayMetricsPort(port);
        expect(metrics).toBeLessThan(EPHEMERAL_FROM);
        expect(metrics < 20_000 || metrics > 32_700).toBe(true);
        // Clear of the local services: PostgreSQL, Redis, the development stack, Kafka.
        expect([5432, 6379, 8080, 9080, 9092, 9093]).not.toContain(metrics);
      }
    },
  );
});
