/**
 * Builds the dashboard into dist/ (served by the gateway) and runs the dev server with /api and
 * /socket.io proxied to a running gateway (GATEWAY_URL, default http://127.0.0.1:8080).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const libs = path.resolve(here, '../../libs');
const require = createRequire(import.meta.url);
const punktAssets = path.dirname(require.resolve('@oslokommune/punkt-assets/package.json'));
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

/**
 * Punkt's CSS and components load icons, logos and animations from a CDN by default. The dashboard
 * must work on a closed network: in the CSS those URLs become the files in @oslokommune/punkt-assets
 * (inlined or fingerprinted by Vite); in the components they become /punkt-assets/…, served by the
 * dev server and copied into dist (docs/decisions/0061).
 */
const PUNKT_CDN = /https:\/\/punkt-cdn\.oslo\.kommune\.no\/[\d.]+\/(icons|animations|logos)\//g;
/** Icons the components ask for by name at run time (PktAlert, PktButton). */
const PUNKT_RUNTIME_ICONS = [
  'icons/alert-information.svg',
  'icons/alert-warning.svg',
  'icons/alert-error.svg',
  'icons/alert-success.svg',
  'icons/close.svg',
  'animations/spinner-blue.svg',
  'animations/spinner.svg',
];

function punktLocalAssets(): Plugin {
  const fileOf = (relative: string) => path.join(punktAssets, 'dist', relative);
  return {
    name: 'plass-punkt-local-assets',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@oslokommune/punkt-') || !code.includes('punkt-cdn.oslo.kommune.no')) return null;
      const file = id.split('?')[0];
      if (file.endsWith('.css')) {
        // CSS: a relative path to the file itself, so Vite inlines or fingerprints it like any asset.
        const assetsDir = path
          .relative(path.dirname(file), path.join(punktAssets, 'dist'))
          .split(path.sep)
          .join('/');
        return { code: code.replace(PUNKT_CDN, `${assetsDir}/$1/`), map: null };
      }
      // Components build icon URLs at run time from a base path: serve that base ourselves.
      return { code: code.replace(PUNKT_CDN, '/punkt-assets/$1/'), map: null };
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = (request.url ?? '').split('?')[0];
        const relative =
          url === '/favicon.svg'
            ? 'logos/32x32-favicon.svg'
            : /^\/punkt-assets\/((?:icons|animations|logos)\/[\w.-]+\.svg)$/.exec(url)?.[1];
        if (!relative || !existsSync(fileOf(relative))) return next();
        response.setHeader('content-type', 'image/svg+xml');
        response.end(readFileSync(fileOf(relative)));
      });
    },
    generateBundle() {
      for (const relative of PUNKT_RUNTIME_ICONS) {
        this.emitFile({
          type: 'asset',
          fileName: `punkt-assets/${relative}`,
          source: readFileSync(fileOf(relative)),
        });
      }
      this.emitFile({
        type: 'asset',
        fileName: 'favicon.svg',
        source: readFileSync(fileOf('logos/32x32-favicon.svg')),
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), punktLocalAssets()],
  resolve: {
    alias: [
      // Workspace libraries from source; only side-effect-free modules (reference data, types).
      { find: /^@plass\/domain$/, replacement: path.join(libs, 'domain/src/index.ts') },
      { find: /^@plass\/contracts\/socket$/, replacement: path.join(libs, 'contracts/src/socket.ts') },
      // The REST contract: routes, their zod schemas and the client that reads answers by them (ADR 0150).
      { find: /^@plass\/contracts\/rest$/, replacement: path.join(libs, 'contracts/src/rest/index.ts') },
      // punkt-css refers to its fonts as ../fonts/…; they ship in punkt-assets.
      { find: /^\.\.\/fonts\/(.+)$/, replacement: path.join(punktAssets, 'dist/fonts/$1') },
    ],
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/socket.io': { target: gateway, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
});
