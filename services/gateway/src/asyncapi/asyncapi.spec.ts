import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { AuthModule } from '@plass/auth';
import { asyncApiDocument, TOPICS, deadLetterTopic, type KafkaTopology } from '@plass/contracts';
import { kafkaAsyncApi } from '@plass/messaging';
import { createService, ObservabilityModule } from '@plass/observability';
import pino from 'pino';
import type { GatewayConfig } from '../config';
import { apiProxies } from '../proxy/api-proxy';
import { applySecurity } from '../security/security';
import { WebController } from '../web/web.controller';
import { WebModule } from '../web/web.module';
import { AsyncApiController } from './asyncapi.controller';
import { asyncApiPage } from './asyncapi-page';

const logger = pino({ level: 'silent' });

@Module({
  imports: [
    ObservabilityModule.forRoot({ service: 'gateway-test', logger }),
    AuthModule.forRoot(),
    WebModule,
  ],
  controllers: [WebController, AsyncApiController],
})
class TestModule {}

/** Nothing listens on port 1: a request the proxies took would answer 502. */
const deadUpstreams = {
  institutionUrl: 'http://127.0.0.1:1',
  housingUrl: 'http://127.0.0.1:1',
  capacityUrl: 'http://127.0.0.1:1',
  intakeUrl: 'http://127.0.0.1:1',
} as GatewayConfig;

describe(AsyncApiController.name, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plass-asyncapi-'));
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    // A built dashboard, so that its client-route fallback is there to swallow what it should not.
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    process.env.WEB_DIST_DIR = root;
    // Mounted as main.ts does: security headers and the /api proxies ahead of the routes.
    app = await createService(TestModule, { name: 'gateway-test', port: 0, logger, bodyParser: false });
    applySecurity(app);
    for (const proxy of apiProxies(deadUpstreams)) app.use(proxy);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    delete process.env.WEB_DIST_DIR;
    rmSync(root, { recursive: true, force: true });
  });

  it('answers /api/asyncapi.json with the generated AsyncAPI 3.0.0 document, without a token', async () => {
    const response = await fetch(`${url}/api/asyncapi.json`, { headers: { accept: 'text/html,*/*' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { asyncapi: string };
    expect(body.asyncapi).toBe('3.0.0');
    expect(body).toEqual(JSON.parse(JSON.stringify(kafkaAsyncApi())));
  });

  it('answers /api/asyncapi with a page of every topic and message, under the strict policy', async () => {
    const response = await fetch(`${url}/api/asyncapi`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).not.toContain('<div id="root">');
    for (const topic of Object.values(TOPICS)) {
      expect(page).toContain(`<code>${topic}</code>`);
      expect(page).toContain(`<code>${deadLetterTopic(topic)}</code>`);
    }
    for (const message of Object.values(kafkaAsyncApi().components.messages)) {
      expect(page).toContain(String(message.title));
    }
    // Nothing the policy would block: no script, no inline style, only the gateway's own stylesheet.
    expect(page).not.toMatch(/<script|style=|<style/);
    const css = await fetch(`${url}/api/asyncapi.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('escapes what the document says', () => {
    const topology: KafkaTopology = {
      principals: {
        '<img src=x onerror=alert(1)>': {
          description: '<script>x</script>',
          writes: [TOPICS.capacityAlerts],
          reads: [],
          groups: [],
        },
      },
      topics: [],
      defaultPartitions: 1,
      developmentBroker: '"><script>alert(1)</script>',
    };
    const page = asyncApiPage(asyncApiDocument(topology));
    expect(page).not.toMatch(/<script|<img/);
    expect(page).toContain('&#60;script&#62;');
  });
});
