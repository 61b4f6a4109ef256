import { loadConfig } from './config';

describe('loadConfig', () => {
  it('puts metrics 1000 above the public port on loopback, and allows no other origin by default', () => {
    const config = loadConfig({ GATEWAY_PORT: '8080' });
    expect(config).toMatchObject({ metricsPort: 9080, metricsHost: '127.0.0.1', allowedOrigins: [] });
  });

  it('takes a list of allowed origins', () => {
    const config = loadConfig({ GATEWAY_ALLOWED_ORIGINS: 'https://plass.example.no, http://localhost:5173' });
    expect(config.allowedOrigins).toEqual(['https://plass.example.no', 'http://localhost:5173']);
  });

  it.each(['plass.example.no', 'https://plass.example.no/', 'https://plass.example.no/app', '*'])(
    'stops at boot on the origin %s, naming the variable',
    (origin) => {
      expect(() => loadConfig({ GATEWAY_ALLOWED_ORIGINS: origin })).toThrow(/GATEWAY_ALLOWED_ORIGINS/);
    },
  );

  it('refuses a metrics port equal to the public port', () => {
    expect(() => loadConfig({ GATEWAY_PORT: '8080', GATEWAY_METRICS_PORT: '8080' })).toThrow(
      /GATEWAY_METRICS_PORT/,
    );
  });
});
