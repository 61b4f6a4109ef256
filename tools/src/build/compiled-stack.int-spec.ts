/**
 * The production JavaScript works (ADR 0206): `npm run build`'s output, started with plain `node` and no
 * register hook (PLASS_RUN_COMPILED=1), migrates its databases, talks to Kafka as each service's principal
 * and carries an admission from the institution service through Kafka to the capacity read model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { signDevToken } from '@plass/auth';
import type { CapacityUnit, InstitutionDto, UnitDto } from '@plass/contracts';
import {
  ApiClient,
  eventually,
  expectStatus,
  institutionFactory,
  startTestStack,
  unitFactory,
  WORKSPACE_ROOT,
  type TestStack,
} from '@plass/testing';
import { BACKEND_SERVICES, build } from './build';

/** The command line of every process of this user whose environment has the stack's topic prefix. */
function processesOf(topicPrefix: string): string[][] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        if (!environ.includes(`KAFKA_TOPIC_PREFIX=${topicPrefix}`)) return [];
        return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)];
      } catch {
        return []; // gone, or another user's
      }
    });
}

describe('the compiled stack', () => {
  let stack: TestStack;
  let admin: ApiClient;
  const previous = process.env.PLASS_RUN_COMPILED;

  beforeAll(async () => {
    await build(WORKSPACE_ROOT);
    process.env.PLASS_RUN_COMPILED = '1';
    stack = await startTestStack();
    admin = new ApiClient(
      stack.gatewayUrl,
      await signDevToken({ roles: ['admin'], institutionIds: [], districtCode: null }),
    );
  }, 180_000);

  afterAll(async () => {
    if (previous === undefined) delete process.env.PLASS_RUN_COMPILED;
    else process.env.PLASS_RUN_COMPILED = previous;
    await stack?.dispose();
  });

  it('runs every service as plain node on its dist/ entry, without @swc-node/register', () => {
    const commands = processesOf(stack.settings.kafkaTopicPrefix);
    for (const service of BACKEND_SERVICES) {
      const entry = path.posix.join('dist', 'services', service, 'src', 'main.js');
      const command = commands.find((argv) => argv.includes(entry));
      expect(command).toBeDefined();
      expect(command?.join(' ')).not.toMatch(/@swc-node|\.ts\b/);
    }
  });

  it('carries an admission through Kafka to the capacity read model', async () => {
    const institution = expectStatus(
      await admin.post<InstitutionDto>(
        '/api/institutions',
        institutionFactory().name('Kompilert hus').district('030101').build(),
      ),
      201,
    );
    const unit = expectStatus(
      await admin.post<UnitDto>(
        `/api/institutions/${institution.id}/units`,
        unitFactory().name('Kompilert post').category('acute').capacity(3).build(),
      ),
      201,
    );
    expectStatus(
      await admin.post(`/api/units/${unit.id}/admissions`, { referringDistrictCode: '030102' }),
      201,
    );
    await eventually(
      async () => {
        const units = expectStatus(await admin.get<CapacityUnit[]>('/api/capacity/units'), 200);
        expect(units.find((u) => u.id === unit.id)).toMatchObject({ capacity: 3, occupied: 1, available: 2 });
      },
      { timeoutMs: 20_000 },
    );
  });
});
