import { Module, type INestApplication } from '@nestjs/common';
import { authConfigFromEnv, AuthModule, createTokenVerifier } from '@plass/auth';
import { createService, ObservabilityModule } from '@plass/observability';
import pino from 'pino';
import { DevLoginModule } from './dev-login.module';

const logger = pino({ level: 'silent' });

@Module({
  imports: [
    ObservabilityModule.forRoot({ service: 'gateway-test', logger }),
    AuthModule.forRoot(),
    DevLoginModule,
  ],
})
class TestModule {}

describe(DevLoginModule.name, () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    // The gateway parses no bodies itself (they stream through to the services): the module parses its own.
    app = await createService(TestModule, { name: 'gateway-test', port: 0, logger, bodyParser: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/api/dev/token`;
  });

  afterAll(() => app?.close());

  const post = (body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('signs a district-staff token that the gateway accepts', async () => {
    const response = await post({ role: 'district-staff', districtCode: '030103' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const user = await createTokenVerifier(authConfigFromEnv()).verify(token);
    expect(user).toMatchObject({ roles: ['district-staff'], districtCode: '030103', institutionIds: [] });
  });

  it('signs an institution-staff token for the given institutions', async () => {
    const id = '6f1c1a52-3f7e-4a57-9d59-0c7a8a1b2c3d';
    const response = await post({ role: 'institution-staff', institutionIds: [id] });
    const { token } = (await response.json()) as { token: string };
    const user = await createTokenVerifier(authConfigFromEnv()).verify(token);
    expect(user.institutionIds).toEqual([id]);
  });

  it('refuses a district-staff token without a district, saying why', async () => {
    const response = await post({ role: 'district-staff' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await response.json()).toMatchObject({
      code: 'INVALID_TOKEN_REQUEST',
      detail: expect.stringMatching(/districtCode/),
    });
  });

  it('refuses an unknown role and unknown fields', async () => {
    expect((await post({ role: 'owner' })).status).toBe(400);
    expect((await post({ role: 'intake', name: 'Kari' })).status).toBe(400);
  });
});
