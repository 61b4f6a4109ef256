import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { signDevToken } from '../dev-token';
import { devConfig, rawToken, usersByRole } from '../testing/auth-user.factory';
import { createTokenVerifier } from '../verifier';
import type { TokenVerifier } from '../verifier';
import type { AuthenticatedRequest } from './context-user';
import { Public, Roles } from './decorators';
import { JwtAuthGuard } from './jwt-auth.guard';

class OccupancyController {
  @Public()
  health() {}

  list() {}

  @Roles('intake', 'admin')
  reserve() {}
}

@Public()
class MetricsController {
  scrape() {}
}

@Roles('admin')
class RegistryController {
  create() {}

  @Roles('district-staff')
  narrowed() {}
}

type Handler = (...args: never[]) => void;

function httpContext(controller: new () => object, handler: Handler, authorization?: string) {
  const request: AuthenticatedRequest = { headers: authorization === undefined ? {} : { authorization } };
  return { request, context: new ExecutionContextHost([request, {}, () => undefined], controller, handler) };
}

describe(JwtAuthGuard.name, () => {
  const guard = new JwtAuthGuard(createTokenVerifier(devConfig), new Reflector());
  const bearer = async (role: keyof typeof usersByRole) =>
    `Bearer ${await signDevToken(usersByRole[role], { config: devConfig })}`;

  it('lets a @Public() handler through without a token', async () => {
    const { context } = httpContext(OccupancyController, OccupancyController.prototype.health);
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('lets every handler of a @Public() controller through', async () => {
    const { context } = httpContext(MetricsController, MetricsController.prototype.scrape);
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('answers 401 when there is no token', async () => {
    const { context } = httpContext(OccupancyController, OccupancyController.prototype.list);
    await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedException);
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      message: 'no bearer token',
      response: { statusCode: 401, code: 'missing-token' },
      // RFC 6750 §3.1: no error code when the request had no token.
      problemHeaders: { 'WWW-Authenticate': 'Bearer' },
    });
  });

  it('answers 401 with the reason when the token is expired', async () => {
    const token = await rawToken({ ...usersByRole.intake, exp: 1_700_000_000 });
    const { context } = httpContext(
      OccupancyController,
      OccupancyController.prototype.list,
      `Bearer ${token}`,
    );
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      status: 401,
      message: 'token expired at 2023-11-14T22:13:20Z',
      response: { code: 'expired' },
      problemHeaders: {
        'WWW-Authenticate':
          'Bearer error="invalid_token", error_description="token expired at 2023-11-14T22:13:20Z"',
      },
    });
  });

  it('describes a refused token in the challenge without quotes or non-ASCII characters', async () => {
    const token = await rawToken({ ...usersByRole.intake, iss: 'https://evil.example/æ' });
    const { context } = httpContext(
      OccupancyController,
      OccupancyController.prototype.list,
      `Bearer ${token}`,
    );
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      problemHeaders: {
        'WWW-Authenticate':
          'Bearer error="invalid_token", error_description="token issuer is \'https://evil.example/?\', expected \'plassoversikt-local\'"',
      },
    });
  });

  it('answers 401 when the authorization header is not a bearer token', async () => {
    const { context } = httpContext(
      OccupancyController,
      OccupancyController.prototype.list,
      'Basic dXNlcjpwdw==',
    );
    await expect(guard.canActivate(context)).rejects.toThrow(UnauthorizedException);
    await expect(guard.canActivate(context)).rejects.toMatchObject({
      problemHeaders: {
        'WWW-Authenticate': expect.stringMatching(/^Bearer error="invalid_request", error_description="/),
      },
    });
  });

  it('puts the verified user on the request', async () => {
    const { context, request } = httpContext(
      OccupancyController,
      OccupancyController.prototype.list,
      await bearer('district-staff'),
    );
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user).toEqual(usersByRole['district-staff']);
  });

  it('answers 403 naming the allowed roles when the user has none of them', async () => {
    const { context } = httpContext(
      OccupancyController,
      OccupancyController.prototype.reserve,
      await bearer('institution-staff'),
    );
    await expect(guard.canActivate(context)).rejects.toThrow(ForbiddenException);
    await expect(guard.canActivate(context)).rejects.toThrow('this action requires the role intake or admin');
  });

  it('lets a user with one of the allowed roles through', async () => {
    const { context } = httpContext(
      OccupancyController,
      OccupancyController.prototype.reserve,
      await bearer('intake'),
    );
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('applies @Roles() on a controller, and lets a handler override it', async () => {
    const create = httpContext(
      RegistryController,
      RegistryController.prototype.create,
      await bearer('district-staff'),
    );
    await expect(guard.canActivate(create.context)).rejects.toThrow(ForbiddenException);
    const narrowed = httpContext(
      RegistryController,
      RegistryController.prototype.narrowed,
      await bearer('district-staff'),
    );
    await expect(guard.canActivate(narrowed.context)).resolves.toBe(true);
  });

  it('lets an error that is not about the token through unchanged', async () => {
    const outage = new Error('identity provider unreachable');
    const failing: TokenVerifier = { verify: () => Promise.reject(outage) };
    const { context } = httpContext(OccupancyController, OccupancyController.prototype.list, 'Bearer x.y.z');
    await expect(new JwtAuthGuard(failing, new Reflector()).canActivate(context)).rejects.toBe(outage);
  });

  describe('on a socket.io gateway', () => {
    const wsContext = (data: object) => {
      const context = new ExecutionContextHost(
        [{ data }, {}],
        OccupancyController,
        OccupancyController.prototype.reserve,
      );
      context.setType('ws');
      return context;
    };

    it('uses the user the handshake middleware authenticated', async () => {
      await expect(guard.canActivate(wsContext({ user: usersByRole.admin }))).resolves.toBe(true);
      await expect(guard.canActivate(wsContext({ user: usersByRole['institution-staff'] }))).rejects.toThrow(
        ForbiddenException,
      );
    });

    it('refuses a socket that was never authenticated', async () => {
      await expect(guard.canActivate(wsContext({}))).rejects.toThrow(UnauthorizedException);
    });
  });
});
