/**
 * A real Keycloak (infra/keycloak) for tests: the `plassoversikt` realm with its demo users, on free
 * ports, stopped by `stop()`. Development only: tokens come from the `plassoversikt-cli` client's
 * password grant, which the production realm does not have.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from './stack/launcher';

export const KEYCLOAK_SCRIPT = path.join(WORKSPACE_ROOT, 'infra/keycloak/keycloak.sh');
export const KEYCLOAK_REALM = 'plassoversikt';
export const KEYCLOAK_WEB_CLIENT = 'plassoversikt-web';
/** Public client with the password grant: development and tests only (infra/keycloak/README.md). */
export const KEYCLOAK_CLI_CLIENT = 'plassoversikt-cli';
/** The audience the realm's mappers put into every token (and the services' default AUTH_AUDIENCE). */
export const KEYCLOAK_AUDIENCE = 'plassoversikt';
/** Master realm administrator of the development Keycloak (keycloak.sh, KC_BOOTSTRAP_ADMIN_*). */
export const KEYCLOAK_DEV_ADMIN = { username: 'admin', password: 'admin' } as const;

/** Demo users of the realm; each one's password is `<username>-passord` (development only). */
export function keycloakDemoPassword(username: string): string {
  return `${username}-passord`;
}

export interface RunningKeycloak {
  /** Base URL, e.g. http://127.0.0.1:8180 */
  url: string;
  /** Realm issuer, e.g. http://127.0.0.1:8180/realms/plassoversikt */
  issuer: string;
  port: number;
  managementPort: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** The realm's JWKS endpoint. */
export function keycloakJwksUrl(issuer: string): string {
  return `${issuer}/protocol/openid-connect/certs`;
}

/**
 * Services' environment that makes them accept tokens of this issuer (in addition to the development
 * key): AUTH_ISSUERS with its JWKS over plain HTTP (127.0.0.1 only, never in production).
 */
export function keycloakAuthEnv(issuer: string): Record<string, string> {
  return {
    AUTH_ISSUERS: JSON.stringify([{ issuer, jwksUrl: keycloakJwksUrl(issuer), audience: KEYCLOAK_AUDIENCE }]),
  };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Two free ports in 12000–19999: below the test stacks (20000+) and the kernel's range for outgoing
 * connections (32768+), where a listener can find its port taken by a client.
 */
async function freePorts(): Promise<[number, number]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 12_000 + Math.floor(Math.random() * 3_999) * 2;
    if ((await portFree(port)) && (await portFree(port + 1))) return [port, port + 1];
  }
  throw new Error('no two free ports for Keycloak in 12000-19999');
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [KEYCLOAK_SCRIPT, ...args], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

/** A data dir kept between runs (a restart skips creating the database: ~10 s faster), else a fresh one. */
function pickDataDir(env: NodeJS.ProcessEnv): { dir: string; temporary: boolean } {
  const kept = path.join(WORKSPACE_ROOT, '.local', 'keycloak-test', `w${process.env.JEST_WORKER_ID ?? '1'}`);
  const status = spawnSync('bash', [KEYCLOAK_SCRIPT, 'status'], {
    env: { ...env, KEYCLOAK_DATA_DIR: kept },
    stdio: 'ignore',
  }).status;
  // Another run uses it right now (status 0): then a fresh one of our own.
  if (status !== 0) return { dir: kept, temporary: false };
  return { dir: mkdtempSync(path.join(os.tmpdir(), 'plass-keycloak-')), temporary: true };
}

/**
 * Starts a Keycloak with the `plassoversikt` realm on free ports (or `port`, and `port + 1` for the
 * management interface) and waits until it is ready. The first start on a machine also fetches,
 * unpacks and builds the distribution (infra/keycloak/keycloak.sh).
 */
export async function startKeycloak(
  options: { port?: number; dataDir?: string } = {},
): Promise<RunningKeycloak> {
  const [port, managementPort] = options.port ? [options.port, options.port + 1] : await freePorts();
  const picked = options.dataDir ? { dir: options.dataDir, temporary: false } : pickDataDir(process.env);
  const env = {
    ...process.env,
    KEYCLOAK_PORT: String(port),
    KEYCLOAK_MANAGEMENT_PORT: String(managementPort),
    KEYCLOAK_DATA_DIR: picked.dir,
  };
  const code = await run(['start'], env);
  if (code !== 0) {
    if (picked.temporary) rmSync(picked.dir, { recursive: true, force: true });
    throw new Error(
      `Keycloak did not start (infra/keycloak/keycloak.sh start exited ${code}); log: ${picked.dir}/keycloak.log`,
    );
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    issuer: `${url}/realms/${KEYCLOAK_REALM}`,
    port,
    managementPort,
    dataDir: picked.dir,
    async stop() {
      await run(['stop'], env);
      if (picked.temporary) rmSync(picked.dir, { recursive: true, force: true });
    },
  };
}

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}

async function passwordGrant(
  tokenUrl: string,
  clientId: string,
  username: string,
  password: string,
): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: clientId,
      username,
      password,
      scope: 'openid',
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json().catch(() => ({}))) as TokenResponse;
  if (!response.ok || !body.access_token) {
    throw new Error(
      `Keycloak refused the password grant for ${username} (client ${clientId}): ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
    );
  }
  return body.access_token;
}

/**
 * An access token of a demo user through the development-only `plassoversikt-cli` client (password grant;
 * the web client has no direct grant). The password defaults to the demo one.
 */
export function keycloakCliToken(
  issuer: string,
  username: string,
  password: string = keycloakDemoPassword(username),
): Promise<string> {
  return passwordGrant(`${issuer}/protocol/openid-connect/token`, KEYCLOAK_CLI_CLIENT, username, password);
}

/** An access token of the master realm's administrator (admin REST API). */
export function keycloakAdminToken(
  url: string,
  admin: { username: string; password: string } = {
    username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? KEYCLOAK_DEV_ADMIN.username,
    password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? KEYCLOAK_DEV_ADMIN.password,
  },
): Promise<string> {
  return passwordGrant(
    `${url}/realms/master/protocol/openid-connect/token`,
    'admin-cli',
    admin.username,
    admin.password,
  );
}

/**
 * Sets a realm user's attribute (e.g. `institutionIds` of `institusjon` after the seed) through the admin
 * REST API; the other attributes and the profile stay as they are.
 */
export async function setKeycloakUserAttribute(
  url: string,
  username: string,
  attribute: string,
  values: string[],
  realm: string = KEYCLOAK_REALM,
): Promise<void> {
  const token = await keycloakAdminToken(url);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const base = `${url}/admin/realms/${realm}/users`;
  const found = await fetch(`${base}?username=${encodeURIComponent(username)}&exact=true`, { headers });
  if (!found.ok) throw new Error(`Keycloak: looking up user ${username} failed: ${found.status}`);
  const users = (await found.json()) as { id: string; username: string }[];
  const user = users.find((u) => u.username === username);
  if (!user) throw new Error(`Keycloak: realm ${realm} has no user ${username}`);
  const current = await fetch(`${base}/${user.id}?userProfileMetadata=false`, { headers });
  if (!current.ok) throw new Error(`Keycloak: reading user ${username} failed: ${current.status}`);
  const representation = (await current.json()) as { attributes?: Record<string, string[]> };
  const updated = { ...representation, attributes: { ...representation.attributes, [attribute]: values } };
  const put = await fetch(`${base}/${user.id}`, { method: 'PUT', headers, body: JSON.stringify(updated) });
  if (!put.ok) {
    throw new Error(
      `Keycloak: setting ${attribute} of ${username} failed: ${put.status} ${await put.text()}`,
    );
  }
}
