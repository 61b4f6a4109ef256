import { Controller, Get, Inject, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AuthUser } from '../claims';
import { signDevToken } from '../dev-token';
import { devConfig, usersByRole } from '../testing/auth-user.factory';
import type { TokenVerifier } from '../verifier';
import { TOKEN_VERIFIER } from './auth.constants';
import { AuthModule } from './auth.module';
import { CurrentUser, Public, Roles } from './decorators';

@Controller()
class ProbeController {
  constructor(@Inject(TOKEN_VERIFIER) readonly verifier: TokenVerifier) {}

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return user;
  }

  @Roles('admin')
  @Get('registry')
  registry() {
    return { ok: true };
  }
}

@Module({ imports: [AuthModule.forRoot(devConfig)], controllers: [ProbeController] })
class ProbeModule {}

describe(AuthModule.name, () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (path: string, role?: keyof typeof usersByRole) => {
    const headers: Record<string, string> =
      role === undefined
        ? {}
        : { authorization: `Bearer ${await signDevToken(usersByRole[role], { config: devConfig })}` };
    const response = await fetch(`${baseUrl}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('serves @Public() routes without a token', async () => {
    await expect(get('/health')).resolves.toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('guards every other route globally with a 401 that says why', async () => {
    await expect(get('/me')).resolves.toMatchObject({
      status: 401,
      body: { message: 'no bearer token', code: 'missing-token' },
    });
  });

  it('hands the verified user to @CurrentUser()', async () => {
    await expect(get('/me', 'district-staff')).resolves.toEqual({
      status: 200,
      body: usersByRole['district-staff'],
    });
  });

  it('answers 403 when @Roles() does not match', async () => {
    await expect(get('/registry', 'intake')).resolves.toMatchObject({
      status: 403,
      body: { message: 'this action requires the role admin' },
    });
    await expect(get('/registry', 'admin')).resolves.toMatchObject({ status: 200 });
  });

  it('provides the verifier under TOKEN_VERIFIER', async () => {
    const verifier = app.get<TokenVerifier>(TOKEN_VERIFIER);
    const token = await signDevToken(usersByRole.intake, { config: devConfig });
    await expect(verifier.verify(token)).resolves.toEqual(usersByRole.intake);
  });
});
