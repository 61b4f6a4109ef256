/**
 * Gives the realm's demo user `institusjon` (institution-staff) its institutions: the demo seed creates
 * them with random ids, so after seeding their ids are written into the user's `institutionIds` attribute
 * through the Keycloak admin REST API (master realm admin, development only).
 *
 *   node -r @swc-node/register tools/src/keycloak/assign.ts [--institution <uuid>]…
 *
 * Without --institution: the first two demo institutions of the running stack (GATEWAY_PORT, 8080).
 * Keycloak: KEYCLOAK_PORT (8180).
 */
import { signDevToken } from '@plass/auth';
import { listInstitutions, type InstitutionDto } from '@plass/contracts';
import { contractApi, setKeycloakUserAttribute } from '@plass/testing';
import { DEMO_INSTITUTIONS } from '../seed/demo-data';

export const INSTITUTION_USER = 'institusjon';

/** The demo institutions the institution user works at: the seed's first two, else the first two by name. */
export function pickDemoInstitutions(institutions: InstitutionDto[], count = 2): InstitutionDto[] {
  const order = DEMO_INSTITUTIONS.map((d) => d.name);
  const rank = (i: InstitutionDto) => {
    const at = order.indexOf(i.name);
    return at === -1 ? order.length : at;
  };
  return [...institutions]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'nb'))
    .slice(0, count);
}

/** Sets `institutionIds` of `institusjon`; returns a line saying which institutions it got. */
export async function assignInstitutionUser(
  keycloakUrl: string,
  gatewayUrl: string,
  institutionIds?: string[],
): Promise<string> {
  let ids = institutionIds;
  let names: string[] = [];
  if (!ids || ids.length === 0) {
    const api = contractApi(
      gatewayUrl,
      await signDevToken({
        roles: ['admin'],
        institutionIds: [],
        districtCode: null,
        sub: 'keycloak-assign',
      }),
    );
    const picked = pickDemoInstitutions(await api.call(listInstitutions, {}));
    if (picked.length === 0) throw new Error('no institutions yet: load the demo data first (npm run seed)');
    ids = picked.map((i) => i.id);
    names = picked.map((i) => i.name);
  }
  await setKeycloakUserAttribute(keycloakUrl, INSTITUTION_USER, 'institutionIds', ids);
  return `Keycloak user ${INSTITUTION_USER} works at ${names.length ? names.join(', ') : ids.join(', ')}`;
}

function parseArgs(argv: string[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--institution' && argv[i + 1]) ids.push(argv[++i]);
    else {
      console.error('usage: assign.ts [--institution <uuid>]…');
      process.exit(2);
    }
  }
  return ids;
}

if (require.main === module) {
  const ids = parseArgs(process.argv.slice(2));
  const keycloakUrl = `http://127.0.0.1:${process.env.KEYCLOAK_PORT ?? 8180}`;
  const gatewayUrl = `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 8080}`;
  assignInstitutionUser(keycloakUrl, gatewayUrl, ids).then(
    (line) => console.log(line),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
