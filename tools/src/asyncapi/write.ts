/**
 * `npm run -s asyncapi`: writes the AsyncAPI document of every Kafka topic (generated from the contract's
 * zod schemas, libs/messaging's kafkaAsyncApi) to docs/asyncapi.json, formatted as prettier would.
 * A unit test (libs/messaging) fails while the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { kafkaAsyncApi } from '@plass/messaging';
import { format, resolveConfig } from 'prettier';

export const ASYNCAPI_FILE = path.resolve(__dirname, '../../../docs/asyncapi.json');

async function main(): Promise<void> {
  const options = await resolveConfig(ASYNCAPI_FILE);
  const text = await format(JSON.stringify(kafkaAsyncApi()), { ...options, filepath: ASYNCAPI_FILE });
  writeFileSync(ASYNCAPI_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), ASYNCAPI_FILE)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
