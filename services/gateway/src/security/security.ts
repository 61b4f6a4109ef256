/**
 * The gateway's hardening, mounted ahead of the /api proxies and every route: security headers, a body
 * size cap and write rate limits (ADR 0080).
 */
import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import { TOKEN_VERIFIER, type TokenVerifier } from '@plass/auth';
import { startImport } from '@plass/contracts';
import { loadWebAuthConfig, signInOrigins } from '../auth-config/auth-config.config';
import { bodySizeLimit } from './body-size-limit';
import { loadSecurityConfig, type SecurityConfig } from './security.config';
import { securityHeaders } from './security-headers';
import { writeRateLimits } from './write-rate-limit';

export function applySecurity(
  app: INestApplication,
  config: SecurityConfig = loadSecurityConfig(),
  // The OpenID Connect provider the dashboard calls: the variables AuthConfigModule reads at boot.
  signIn: readonly string[] = signInOrigins(loadWebAuthConfig()),
): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  // req.ip, which the limits count by, is the peer unless proxies in front are declared.
  express.set('trust proxy', config.trustProxyHops);
  app.use(securityHeaders(signIn));
  app.use(
    bodySizeLimit(config.maxBodyBytes, [
      { method: startImport.method, path: startImport.path, maxBytes: config.maxImportBodyBytes },
    ]),
  );
  for (const limit of writeRateLimits(config, app.get<TokenVerifier>(TOKEN_VERIFIER))) app.use(limit);
}
