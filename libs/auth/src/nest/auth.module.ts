import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { authConfigFromEnv } from '../config';
import type { AuthConfig } from '../config';
import { createTokenVerifier } from '../verifier';
import { TOKEN_VERIFIER } from './auth.constants';
import { JwtAuthGuard } from './jwt-auth.guard';

@Module({})
export class AuthModule {
  /** Global: provides `TOKEN_VERIFIER` and guards every route. Config defaults to the environment. */
  static forRoot(config?: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(config ?? authConfigFromEnv()) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
