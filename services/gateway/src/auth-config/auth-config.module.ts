/** How the dashboard signs in (`GET /api/auth/config`), from configuration read at boot. */
import { Module, type DynamicModule } from '@nestjs/common';
import type { AuthConfigDto } from '@plass/contracts';
import { AuthConfigController } from './auth-config.controller';
import { loadWebAuthConfig, WEB_AUTH_CONFIG } from './auth-config.config';

@Module({})
export class AuthConfigModule {
  static forRoot(config: AuthConfigDto = loadWebAuthConfig()): DynamicModule {
    return {
      module: AuthConfigModule,
      controllers: [AuthConfigController],
      providers: [{ provide: WEB_AUTH_CONFIG, useValue: config }],
      exports: [WEB_AUTH_CONFIG],
    };
  }
}
