/**
 * `npm run -s openapi` (tools/src/openapi/write.ts) runs this file: it writes the OpenAPI document this
 * service serves to the path it is given, without starting the service (no database, broker or Redis).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { previewOpenApiDocument } from '@plass/observability';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { INTAKE_OPEN_API } from './openapi';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: write-openapi.ts <file>');

previewOpenApiDocument(AppModule.forRoot(loadConfig()), INTAKE_OPEN_API).then(
  (document) => writeFileSync(file, JSON.stringify(document)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
