/**
 * Limits writes to the API (POST, PUT, PATCH, DELETE on /api/*) per client address and per token subject;
 * reads are never limited here. Over the limit the answer is 429 problem details with Retry-After.
 * Counters live in each gateway instance's memory (ADR 0080): N instances allow up to N times the limit.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { TokenVerifier } from '@plass/auth';
import { bearerToken } from '@plass/auth';
import { sendProblem } from './problem-response';
import type { SecurityConfig } from './security.config';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_MS = 60_000;

export function isApiWrite(request: Request): boolean {
  return WRITE_METHODS.has(request.method) && /^\/api(\/|$)/.test(request.path);
}

function clientAddress(request: Request): string {
  return ipKeyGenerator(request.ip ?? request.socket.remoteAddress ?? 'unknown');
}

/**
 * The subject of a token that verifies, so that nobody can spend another person's allowance with a
 * forged token; requests without a valid token share their address's allowance instead.
 */
async function subjectKey(request: Request, verifier: TokenVerifier): Promise<string> {
  try {
    const user = await verifier.verify(bearerToken(request.headers.authorization));
    return `sub:${user.sub}`;
  } catch {
    return `ip:${clientAddress(request)}`;
  }
}

function limiter(
  name: string,
  limit: number,
  keyGenerator: (request: Request) => string | Promise<string>,
  who: string,
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (request) => !isApiWrite(request),
    keyGenerator,
    handler: (request, response) => {
      const retryAfter = response.getHeader('retry-after');
      sendProblem(
        request,
        response,
        429,
        `more than ${limit} writes per minute ${who}; try again in ${String(retryAfter ?? 60)} s`,
        'RATE_LIMITED',
      );
    },
  });
}

export function writeRateLimits(config: SecurityConfig, verifier: TokenVerifier): RequestHandler[] {
  return [
    // By address first: cheap, and it stops a flood of forged tokens before any is verified.
    limiter('writes-per-ip', config.writesPerMinutePerIp, clientAddress, 'from this address'),
    limiter(
      'writes-per-subject',
      config.writesPerMinutePerSubject,
      (request) => subjectKey(request, verifier),
      'for this user',
    ),
  ];
}
