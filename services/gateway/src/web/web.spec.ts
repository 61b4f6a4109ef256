import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { AuthModule } from '@plass/auth';
import { createService, ObservabilityModule } from '@plass/observability';
import pino from 'pino';
import { isClientRoute, isReservedPath } from './web-assets';
import { WebController } from './web.controller';
import { WebModule } from './web.module';

const logger = pino({ level: 'silent' });

@Module({
  imports: [
    ObservabilityModule.forRoot({ service: 'gateway-test', logger }),
    AuthModule.forRoot(),
    WebModule,
  ],
  controllers: [WebController],
})
class TestModule {}

async function startGateway(distDir: string): Promise<{ app: INestApplication; url: string }> {
  process.env.WEB_DIST_DIR = distDir;
  const app = await createService(TestModule, { name: 'gateway-test', port: 0, logger, bodyParser: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('the dashboard served by the gateway', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plass-web-'));
  const built = path.join(root, 'dist');
  const missing = path.join(root, 'not-built');
  let gateway: { app: INestApplication; url: string };

  beforeAll(async () => {
    mkdirSync(path.join(built, 'assets'), { recursive: true });
    writeFileSync(
      path.join(built, 'index.html'),
      '<!doctype html><title>Plassoversikt</title><div id="root"></div>',
    );
    writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log("dashboard")');
    writeFileSync(path.join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    gateway = await startGateway(built);
  });

  afterAll(async () => {
    await gateway?.app.close();
    delete process.env.WEB_DIST_DIR;
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / with the built index.html, not cached', async () => {
    const response = await fetch(`${gateway.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('answers a client route with index.html, so a reload opens the same page', async () => {
    const response = await fetch(`${gateway.url}/institusjon?enhet=1`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves fingerprinted assets with a year-long immutable cache', async () => {
    const response = await fetch(`${gateway.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file with 404, not with the page', async () => {
    const response = await fetch(`${gateway.url}/assets/gone-123.js`);
    expect(response.status).toBe(404);
  });

  it('leaves /api, /health and /metrics to the gateway', async () => {
    const api = await fetch(`${gateway.url}/api/nothing-here`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    const health = await fetch(`${gateway.url}/health/live`);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const metrics = await fetch(`${gateway.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
  });

  it('says how to build the dashboard while services/web/dist is missing', async () => {
    const bare = await startGateway(missing);
    try {
      const response = await fetch(`${bare.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('npm run build:web');
      expect((await fetch(`${bare.url}/ledige`, { headers: { accept: 'text/html' } })).status).toBe(404);
    } finally {
      await bare.app.close();
    }
  });

  it.each([
    ['/api/capacity/summary', true],
    ['/api', true],
    ['/health/ready', true],
    ['/metrics', true],
    ['/socket.io/', true],
    ['/apidocs', false],
    ['/varsler', false],
  ])('treats %s as reserved: %s', (urlPath, reserved) => {
    expect(isReservedPath(urlPath)).toBe(reserved);
  });

  it('tells client routes from files', () => {
    expect(isClientRoute('/historikk')).toBe(true);
    expect(isClientRoute('/favicon.svg')).toBe(false);
  });
});
