/**
 * Serves the built dashboard (services/web/dist): hashed assets with a long cache, and index.html for
 * every client route (/ledige, /varsler, …) so a reload or a shared link opens the right page. The
 * API, health, metrics and socket.io paths are never answered here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { static as serveStatic } from 'express';

/** Where `npm run build:web` writes the dashboard; WEB_DIST_DIR overrides it (containers). */
export function webDistDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEB_DIST_DIR?.trim() || path.resolve(__dirname, '../../../web/dist');
}

const RESERVED = [/^\/api(\/|$)/, /^\/health(\/|$)/, /^\/metrics$/, /^\/socket\.io(\/|$)/];

export function isReservedPath(urlPath: string): boolean {
  return RESERVED.some((pattern) => pattern.test(urlPath));
}

/** A client route: no file extension in its last segment (`/institusjon`, not `/favicon.ico`). */
export function isClientRoute(urlPath: string): boolean {
  return !path.posix.basename(urlPath).includes('.');
}

export function dashboardBuilt(distDir: string): boolean {
  return existsSync(path.join(distDir, 'index.html'));
}

export function webAssetsHandler(distDir: string): RequestHandler {
  const files = serveStatic(distDir, {
    index: false,
    fallthrough: true,
    redirect: false,
    setHeaders: (response, filePath) => {
      // Vite puts a content hash in every file name under assets/: those never change.
      const immutable = filePath.startsWith(path.join(distDir, 'assets') + path.sep);
      response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexFile = path.join(distDir, 'index.html');

  return (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isReservedPath(request.path)) {
      next();
      return;
    }
    // Checked per request: the dashboard may be built while the gateway runs.
    if (!dashboardBuilt(distDir)) {
      next();
      return;
    }
    files(request, response, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      if (!isClientRoute(request.path) || !request.accepts('html')) {
        next();
        return;
      }
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(indexFile, (sendError?: Error) => {
        if (sendError && !response.headersSent) next(sendError);
      });
    });
  };
}
