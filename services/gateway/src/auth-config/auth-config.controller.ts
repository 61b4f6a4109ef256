import { Controller, Header, Inject } from '@nestjs/common';
import { getAuthConfig, type AuthConfigDto } from '@plass/contracts';
import { ContractRoute } from '@plass/observability';
import { WEB_AUTH_CONFIG } from './auth-config.config';

/** `GET /api/auth/config`: read by the dashboard before anything else, so it is public. */
@Controller()
export class AuthConfigController {
  constructor(@Inject(WEB_AUTH_CONFIG) private readonly authConfig: AuthConfigDto) {}

  @ContractRoute(getAuthConfig)
  @Header('cache-control', 'no-cache')
  config(): AuthConfigDto {
    return this.authConfig;
  }
}
