/**
 * `npm run build`: compiles the backend services and the libraries they use to plain CommonJS under dist/
 * (dist/services/<name>/src/main.js, dist/libs/<lib>/src/…), so production runs `node` on JavaScript with no
 * TypeScript compiler or register hook (ADR 0206). The transform is the one `@swc-node/register` applies
 * when the stack runs from source: the same tsconfig read the same way, the same SWC options.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformFile, type Options } from '@swc/core';
import { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } from '@swc-node/register/read-default-tsconfig';

export const BACKEND_SERVICES = [
  'institution-service',
  'housing-service',
  'capacity-service',
  'intake-service',
  'gateway',
] as const;

/** libs/testing is the tests' stack harness: no service imports it, so it is not compiled. */
const NOT_SHIPPED_LIBS = new Set(['testing']);

const SKIPPED_FILE = /(\.spec\.ts|\.int-spec\.ts|\.d\.ts)$/;

/**
 * SWC options equal to those `@swc-node/register` derives from tsconfig.json (legacy decorators with
 * metadata for NestJS, ES2022 with define semantics for class fields, esModuleInterop, kept class names),
 * with the `@plass/*` paths rewritten to relative requires: dist/ needs no resolver of its own.
 */
export function swcOptions(root: string, filename: string): Options {
  const ts = tsCompilerOptionsToSwcConfig(readDefaultTsConfig(path.join(root, 'tsconfig.json')), filename);
  // readDefaultTsConfig falls back to bare defaults when tsconfig.json cannot be read: never build with those.
  if (ts.module !== 'commonjs') throw new Error(`tsconfig.json: expected module commonjs, got ${ts.module}`);
  if (!ts.experimentalDecorators || !ts.emitDecoratorMetadata || !ts.paths?.['@plass/contracts']) {
    throw new Error(
      'tsconfig.json was not read: NestJS needs decorators with metadata and the @plass/* paths',
    );
  }
  return {
    filename,
    swcrc: false,
    isModule: true,
    sourceMaps: true,
    inlineSourcesContent: true,
    jsc: {
      target: ts.target,
      parser: { syntax: 'typescript', decorators: Boolean(ts.experimentalDecorators), dynamicImport: true },
      transform: {
        legacyDecorator: Boolean(ts.experimentalDecorators),
        decoratorMetadata: Boolean(ts.emitDecoratorMetadata),
        useDefineForClassFields: Boolean(ts.useDefineForClassFields),
      },
      keepClassNames: true,
      externalHelpers: false,
      baseUrl: ts.baseUrl,
      paths: ts.paths,
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'commonjs', noInterop: !ts.esModuleInterop, ignoreDynamic: Boolean(ts.ignoreDynamic) },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') && !SKIPPED_FILE.test(entry.name) ? [full] : [];
  });
}

/** The TypeScript files that production runs, relative to root: every shipped lib's src/ and each service's src/. */
export function sourceFiles(root: string): string[] {
  const libs = readdirSync(path.join(root, 'libs')).filter(
    (lib) => !NOT_SHIPPED_LIBS.has(lib) && existsSync(path.join(root, 'libs', lib, 'src')),
  );
  const dirs = [
    ...libs.map((lib) => path.join(root, 'libs', lib, 'src')),
    ...BACKEND_SERVICES.map((service) => path.join(root, 'services', service, 'src')),
  ];
  return dirs.flatMap(walk).map((file) => path.relative(root, file));
}

/** Compiles every source file to outDir, replacing what an earlier build left there. */
export async function build(root: string, outDir = path.join(root, 'dist')): Promise<string[]> {
  rmSync(path.join(outDir, 'libs'), { recursive: true, force: true });
  rmSync(path.join(outDir, 'services'), { recursive: true, force: true });
  const files = sourceFiles(root);
  const pending = [...files];
  const worker = async (): Promise<void> => {
    for (let file = pending.shift(); file; file = pending.shift()) {
      const source = path.join(root, file);
      const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
      const { code, map } = await transformFile(source, swcOptions(root, source));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) writeFileSync(`${target}.map`, map);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  // The compiled files are CommonJS whatever package.json sits above dist/ (services/web's is an ES module).
  writeFileSync(
    path.join(outDir, 'package.json'),
    `${JSON.stringify({ private: true, type: 'commonjs' })}\n`,
  );
  // The gateway serves the dashboard from ../../../web/dist beside its own compiled code.
  const web = path.join(root, 'services', 'web', 'dist');
  if (existsSync(path.join(web, 'index.html'))) {
    cpSync(web, path.join(outDir, 'services', 'web', 'dist'), { recursive: true });
  }
  return files;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const started = Date.now();
  const files = await build(root);
  const missing = BACKEND_SERVICES.filter(
    (service) => !existsSync(path.join(root, 'dist', 'services', service, 'src', 'main.js')),
  );
  if (missing.length) throw new Error(`no main.js for ${missing.join(', ')}`);
  console.log(`build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
