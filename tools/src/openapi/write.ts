/**
 * `npm run -s openapi`: writes the OpenAPI document each service serves to docs/openapi/<name>.json,
 * formatted as prettier would. Each service makes its own (its `src/write-openapi.ts`, in Nest's preview
 * mode: no database, broker or Redis needed), in a process of its own as `npm start` runs it.
 * e2e/src/openapi.int-spec.ts fails while a committed file differs from what the stack serves
 * (docs/decisions/0152).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';

const ROOT = path.resolve(__dirname, '../../..');
const OPENAPI_DIR = path.join(ROOT, 'docs/openapi');

/** docs/openapi/<file> and the service that serves it. */
const OPENAPI_DOCUMENTS = [
  { file: 'institution.json', service: 'institution-service' },
  { file: 'housing.json', service: 'housing-service' },
  { file: 'capacity.json', service: 'capacity-service' },
  { file: 'intake.json', service: 'intake-service' },
  { file: 'gateway.json', service: 'gateway' },
] as const;

/**
 * The environment the documents are made in: development (the gateway's development sign-in is part of
 * its document), and Kafka credentials, which a service's module definition asks for although preview
 * mode connects to nothing.
 */
function documentEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME ?? 'openapi',
    KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD ?? 'unused',
  };
}

function documentOf(service: string, scratch: string): unknown {
  const file = path.join(scratch, `${service}.json`);
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', `services/${service}/src/write-openapi.ts`, file],
    { cwd: ROOT, env: documentEnv(), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`${service} could not make its OpenAPI document:\n${result.stderr}${result.stdout}`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'plass-openapi-'));
  try {
    for (const { file, service } of OPENAPI_DOCUMENTS) {
      const target = path.join(OPENAPI_DIR, file);
      const options = await resolveConfig(target);
      const text = await format(JSON.stringify(documentOf(service, scratch)), {
        ...options,
        filepath: target,
      });
      writeFileSync(target, text);
      console.log(`wrote ${path.relative(process.cwd(), target)}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
