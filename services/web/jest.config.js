// Unit tests of the dashboard's plain modules (no DOM): `npx jest -c jest.config.js services/web`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export default require('../../jest.preset.js').project(path.dirname(fileURLToPath(import.meta.url)));
