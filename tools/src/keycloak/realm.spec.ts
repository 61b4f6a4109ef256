/** The development realm (infra/keycloak/realm-plassoversikt.json) keeps the contract the dashboard and services rely on. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DISTRICT_CODES, ROLES } from '@plass/domain';
import { WORKSPACE_ROOT } from '@plass/testing';
import { pickDemoInstitutions } from './assign';
import { DEMO_INSTITUTIONS } from '../seed/demo-data';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  redirectUris: string[];
  webOrigins: string[];
  attributes: Record<string, string>;
  protocolMappers: Mapper[];
}
interface User {
  username: string;
  realmRoles: string[];
  attributes: Record<string, string[]>;
  credentials: { value: string; temporary: boolean }[];
}

const realm = JSON.parse(
  readFileSync(path.join(WORKSPACE_ROOT, 'infra/keycloak/realm-plassoversikt.json'), 'utf8'),
) as {
  realm: string;
  accessTokenLifespan: number;
  ssoSessionIdleTimeout: number;
  roles: { realm: { name: string }[] };
  defaultRole: { composite: boolean };
  clients: Client[];
  users: User[];
  components: Record<string, { config: Record<string, string[]> }[]>;
};
const client = (id: string) => realm.clients.find((c) => c.clientId === id) as Client;
const user = (name: string) => realm.users.find((u) => u.username === name) as User;

describe('realm plassoversikt', () => {
  it('has our four roles, short access tokens and a 30 minute idle session', () => {
    expect(realm.realm).toBe('plassoversikt');
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLES].sort());
    expect(realm.defaultRole.composite).toBe(false);
    expect(realm.accessTokenLifespan).toBe(300);
    expect(realm.ssoSessionIdleTimeout).toBe(1800);
  });

  it('has a public web client with the standard flow and PKCE S256 only', () => {
    const web = client('plassoversikt-web');
    expect(web).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      redirectUris: ['http://localhost:*', 'http://127.0.0.1:*'],
      webOrigins: ['+'],
    });
    expect(web.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(web.attributes['use.refresh.tokens']).toBe('true');
  });

  it('has the password grant only on the development cli client', () => {
    const withGrant = realm.clients.filter((c) => c.directAccessGrantsEnabled).map((c) => c.clientId);
    expect(withGrant).toEqual(['plassoversikt-cli']);
    expect(client('plassoversikt-cli').standardFlowEnabled).toBe(false);
  });

  it.each(['plassoversikt-web', 'plassoversikt-cli'])(
    '%s maps aud, roles, institutionIds, districtCode',
    (id) => {
      const byType = (type: string) =>
        client(id)
          .protocolMappers.filter((m) => m.protocolMapper === type)
          .map((m) => m.config);
      expect(byType('oidc-audience-mapper')).toEqual([
        expect.objectContaining({
          'included.custom.audience': 'plassoversikt',
          'access.token.claim': 'true',
        }),
      ]);
      expect(byType('oidc-usermodel-realm-role-mapper')).toEqual([
        expect.objectContaining({ 'claim.name': 'roles', multivalued: 'true', 'access.token.claim': 'true' }),
      ]);
      const attributes = byType('oidc-usermodel-attribute-mapper');
      expect(attributes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            'user.attribute': 'institutionIds',
            'claim.name': 'institutionIds',
            multivalued: 'true',
          }),
          expect.objectContaining({
            'user.attribute': 'districtCode',
            'claim.name': 'districtCode',
            multivalued: 'false',
          }),
        ]),
      );
    },
  );

  it('has a district user for every district, and the other demo users, each with <username>-passord', () => {
    for (const code of DISTRICT_CODES) {
      expect(user(`bydel-${code}`)).toMatchObject({
        realmRoles: ['district-staff'],
        attributes: { districtCode: [code] },
      });
    }
    expect(user('admin').realmRoles).toEqual(['admin']);
    expect(user('inntak').realmRoles).toEqual(['intake']);
    expect(user('institusjon').realmRoles).toEqual(['institution-staff']);
    expect(user('uten-rolle').realmRoles).toEqual([]);
    for (const u of realm.users) {
      expect(u.credentials).toEqual([
        expect.objectContaining({ value: `${u.username}-passord`, temporary: false }),
      ]);
    }
  });

  it('lets only administrators edit institutionIds and districtCode', () => {
    const [provider] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    const profile = JSON.parse(provider.config['kc.user.profile.config'][0]) as {
      attributes: { name: string; permissions: { edit: string[] } }[];
    };
    for (const name of ['institutionIds', 'districtCode']) {
      expect(profile.attributes.find((a) => a.name === name)?.permissions.edit).toEqual(['admin']);
    }
  });
});

describe(pickDemoInstitutions.name, () => {
  it("picks the seed's first two institutions, whatever order the API lists them in", () => {
    const listed = [...DEMO_INSTITUTIONS].reverse().map((d, i) => ({ id: `id-${i}`, name: d.name }));
    const picked = pickDemoInstitutions(listed as never);
    expect(picked.map((i) => i.name)).toEqual([DEMO_INSTITUTIONS[0].name, DEMO_INSTITUTIONS[1].name]);
  });

  it('falls back to the first by name for institutions that are not from the seed', () => {
    const listed = [
      { id: '1', name: 'Østre' },
      { id: '2', name: 'Almenning' },
    ];
    expect(pickDemoInstitutions(listed as never, 1).map((i) => i.name)).toEqual(['Almenning']);
  });
});
