import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { transformSync } from '@swc/core';
import { BACKEND_SERVICES, sourceFiles, swcOptions } from './build';

const ROOT = path.resolve(__dirname, '../../..');

describe('the production build', () => {
  const files = sourceFiles(ROOT);

  it('compiles each backend service from its main.ts', () => {
    for (const service of BACKEND_SERVICES) expect(files).toContain(`services/${service}/src/main.ts`);
  });

  it('leaves out tests, the test harness and the dashboard', () => {
    expect(files.filter((file) => /\.(int-)?spec\.ts$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('libs/testing/'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('services/web/'))).toEqual([]);
  });

  it('rewrites @plass/* imports to relative requires that resolve inside dist/', () => {
    const filename = path.join(ROOT, 'services/gateway/src/example.ts');
    const { code } = transformSync(
      "import { createService } from '@plass/observability';\nexport const start = createService;\n",
      swcOptions(ROOT, filename),
    );
    expect(code).not.toContain('@plass/');
    const required = /require\("(\.[^"]+)"\)/.exec(code)?.[1] ?? '';
    // The same relative path from the file's twin under dist/ reaches the library's twin.
    expect(path.resolve(path.dirname(filename), required)).toBe(path.join(ROOT, 'libs/observability/src'));
  });

  it('emits the decorator metadata NestJS injects constructor arguments by', () => {
    const filename = path.join(ROOT, 'services/gateway/src/example.ts');
    const { code } = transformSync(
      [
        "import { Injectable } from '@nestjs/common';",
        'class Clock {}',
        '@Injectable()',
        'export class Ticker {',
        '  constructor(readonly clock: Clock) {}',
        '}',
      ].join('\n'),
      swcOptions(ROOT, filename),
    );
    expect(code).toMatch(/design:paramtypes[\s\S]*Clock/);
  });

  it('requires at run time only packages a production install (npm ci --omit=dev) has', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev)
        .map(([key]) => key.slice('node_modules/'.length)),
    );
    const missing = new Set<string>();
    for (const file of files) {
      const filename = path.join(ROOT, file);
      const { code } = transformSync(readFileSync(filename, 'utf8'), swcOptions(ROOT, filename));
      for (const [, specifier] of code.matchAll(/require\("([^".][^"]*)"\)/g)) {
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        if (specifier.startsWith('node:') || builtinModules.includes(name)) continue;
        if (!production.has(name)) missing.add(`${name} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
    // The point of the build: nothing of the source tool chain is among them.
    for (const tool of ['typescript', '@swc/core', '@swc-node/register'])
      expect(production.has(tool)).toBe(false);
  });
});
