import { compiledEntry, nodeArgs, runsCompiled } from './compiled';

describe('compiled stack mode', () => {
  it('runs a service from source through the register hook by default', () => {
    expect(nodeArgs('services/gateway/src/main.ts', {})).toEqual([
      '-r',
      '@swc-node/register',
      'services/gateway/src/main.ts',
    ]);
  });

  it('runs the compiled JavaScript under dist/ with plain node when PLASS_RUN_COMPILED=1', () => {
    expect(nodeArgs('services/intake-service/src/main.ts', { PLASS_RUN_COMPILED: '1' })).toEqual([
      'dist/services/intake-service/src/main.js',
    ]);
  });

  it('treats any other value of PLASS_RUN_COMPILED as off', () => {
    expect(runsCompiled({ PLASS_RUN_COMPILED: '0' })).toBe(false);
    expect(runsCompiled({ PLASS_RUN_COMPILED: 'true' })).toBe(true);
  });

  it('maps every entry file to its twin under dist/', () => {
    expect(compiledEntry('services/capacity-service/src/main.ts')).toBe(
      'dist/services/capacity-service/src/main.js',
    );
  });
});
