/**
 * How the launcher starts a service: from TypeScript source through @swc-node/register (the default, as
 * `npm start`), or with PLASS_RUN_COMPILED=1 the JavaScript `npm run build` wrote to dist/, with plain
 * `node` and no register hook, as the production image does (ADR 0206).
 */
import path from 'node:path';

export function runsCompiled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PLASS_RUN_COMPILED === '1' || env.PLASS_RUN_COMPILED === 'true';
}

/** `services/gateway/src/main.ts` → `dist/services/gateway/src/main.js`. */
export function compiledEntry(entry: string): string {
  return path.posix.join('dist', entry.replace(/\.ts$/, '.js'));
}

/** The arguments for `node` that start a service's entry file. */
export function nodeArgs(entry: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return runsCompiled(env) ? [compiledEntry(entry)] : ['-r', '@swc-node/register', entry];
}
