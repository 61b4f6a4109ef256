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
});
