/**
 * The container setup, checked without a Docker engine (ADR 0206–0208): docker-compose.yml, the service
 * Dockerfile and the Dependabot configuration are parsed and held to what production needs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BACKEND_SERVICES, sourceFiles } from '../build/build';

const ROOT = path.resolve(__dirname, '../../..');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync(path.join(ROOT, 'infra/docker/service.Dockerfile'), 'utf8');
const dependabot = parse(readFileSync(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
  updates: { 'package-ecosystem': string; directory: string }[];
};

const services = Object.entries(compose.services);
/** The services built from our Dockerfile: the five Node services and the provisioning step. */
const ours = services.filter(
  ([, service]) => service.build?.dockerfile === 'infra/docker/service.Dockerfile',
);
const thirdParty = services.filter(([, service]) => service.image !== undefined);

describe('docker-compose.yml', () => {
  it('builds every backend service from the service Dockerfile', () => {
    expect(ours.map(([name]) => name)).toEqual(expect.arrayContaining([...BACKEND_SERVICES]));
    for (const name of BACKEND_SERVICES) expect(compose.services[name].build?.args?.SERVICE).toBe(name);
  });

  it.each(BACKEND_SERVICES)('runs %s in production mode', (name) => {
    expect(compose.services[name].environment?.NODE_ENV).toBe('production');
  });

  it('gives our containers a read-only root file system with /tmp in memory', () => {
    for (const [name, service] of ours) {
      expect({ name, readOnly: service.read_only }).toEqual({ name, readOnly: true });
      expect(service.tmpfs?.some((mount) => mount.split(':')[0] === '/tmp')).toBe(true);
    }
  });

  it('publishes every port on 127.0.0.1 unless PLASS_BIND says otherwise', () => {
    const published = services.flatMap(([, service]) => service.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(port).toMatch(/^\$\{PLASS_BIND:-127\.0\.0\.1\}:\d+:\d+$/);
  });

  it('pins every third-party image to an exact release (or a digest), none to a floating tag', () => {
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const [, service] of thirdParty) {
      expect(service.image).toMatch(
        /^[a-z0-9./-]+(:\d+\.\d+(\.\d+)?([-a-z0-9.]*)?)?(@sha256:[0-9a-f]{64})?$/,
      );
      expect(service.image).toMatch(/:\d+\.\d+|@sha256:/);
    }
  });

  it('runs Keycloak with the plassoversikt realm, read-only, published on 8180', () => {
    const keycloak = compose.services.keycloak;
    expect(keycloak.image).toMatch(/^keycloak\/keycloak:\d+\.\d+\.\d+$/);
    expect(keycloak.command).toEqual(expect.arrayContaining(['--import-realm']));
    expect(keycloak.volumes).toContain(
      './infra/keycloak/realm-plassoversikt.json:/opt/keycloak/data/import/realm-plassoversikt.json:ro',
    );
    expect(keycloak.ports).toEqual(['${PLASS_BIND:-127.0.0.1}:8180:8080']);
  });

  it('has the services trust the issuer the dashboard signs in at, with keys from inside the network', () => {
    const gateway = compose.services.gateway.environment ?? {};
    expect(gateway.OIDC_AUTHORITY).toBe('http://localhost:8180/realms/plassoversikt');
    expect(gateway.OIDC_CLIENT_ID).toBe('plassoversikt-web');
    for (const name of BACKEND_SERVICES) {
      const env = compose.services[name].environment ?? {};
      const issuers = JSON.parse(env.AUTH_ISSUERS ?? '[]') as { issuer: string; jwksUrl: string }[];
      expect(issuers).toEqual([
        {
          issuer: gateway.OIDC_AUTHORITY,
          jwksUrl: 'http://keycloak:8080/realms/plassoversikt/protocol/openid-connect/certs',
          audience: 'plassoversikt',
        },
      ]);
      expect(env.AUTH_ALLOW_HTTP_JWKS).toBe('true');
    }
  });

  it('runs the provisioning step from a file the build compiles', () => {
    const command = compose.services['kafka-provision'].command ?? [];
    expect(command[0]).toBe('node');
    const compiled = command[1];
    expect(compiled).toMatch(/^dist\/.+\.js$/);
    expect(sourceFiles(ROOT)).toContain(compiled.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
  });
});

describe('infra/docker/service.Dockerfile', () => {
  const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map(([, image, stage]) => ({
    image,
    stage,
  }));
  const stages = new Set(froms.map((from) => from.stage));
  const runtime = dockerfile.slice(dockerfile.search(/^FROM\s+\S+\s+AS\s+runtime/im));

  it('pins the Node base of every stage by digest, on a supported LTS line', () => {
    const external = froms.filter((from) => !stages.has(from.image));
    expect(external).toHaveLength(1);
    const [{ image }] = external;
    expect(image).toMatch(/^node:(\d+)-[a-z-]+@sha256:[0-9a-f]{64}$/);
    const major = Number(/^node:(\d+)/.exec(image)?.[1]);
    // Even majors are the LTS lines; Node 20 reached its end of life in April 2026.
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
  });

  it('builds the JavaScript in a build stage and installs only production dependencies for run time', () => {
    expect(dockerfile).toMatch(/RUN npm run build\b/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/src\/dist \.\/dist/);
  });

  it('runs compiled JavaScript with plain node as the unprivileged user, with its health check', () => {
    expect(runtime).toMatch(/^USER 1000(:1000)?$/m);
    expect(runtime).toMatch(/^CMD \["node", "main\.js"\]$/m);
    expect(runtime).toMatch(/ln -s "dist\/services\/\$SERVICE\/src\/main\.js" main\.js/);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).not.toMatch(/@swc-node|\.ts"/);
  });
});

describe('.github/dependabot.yml', () => {
  it('keeps the Dockerfile base and the compose images current', () => {
    const watched = dependabot.updates.map((update) => `${update['package-ecosystem']} ${update.directory}`);
    expect(watched).toEqual(expect.arrayContaining(['docker /infra/docker', 'docker-compose /']));
  });
});
