/** `npm start -- --sso`: the development Keycloak (infra/keycloak) beside the stack. */
import { spawnSync } from 'node:child_process';
import {
  KEYCLOAK_REALM,
  KEYCLOAK_SCRIPT,
  KEYCLOAK_WEB_CLIENT,
  keycloakAuthEnv,
  keycloakDemoPassword,
} from '@plass/testing';

export interface DevKeycloak {
  url: string;
  issuer: string;
  /** True when this call started it (then `npm start` stops it on Ctrl-C). */
  started: boolean;
}

export function keycloakPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.KEYCLOAK_PORT ?? 8180);
}

/** Starts the development Keycloak (KEYCLOAK_PORT, 8180) unless it runs; throws when it cannot. */
export function ensureKeycloak(env: NodeJS.ProcessEnv = process.env): DevKeycloak {
  const running = spawnSync('bash', [KEYCLOAK_SCRIPT, 'status'], { stdio: 'ignore', env }).status === 0;
  if (!running) {
    const status = spawnSync('bash', [KEYCLOAK_SCRIPT, 'start'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    }).status;
    if (status !== 0) throw new Error(`infra/keycloak/keycloak.sh start failed (exit ${status})`);
  }
  const url = `http://127.0.0.1:${keycloakPort(env)}`;
  return { url, issuer: `${url}/realms/${KEYCLOAK_REALM}`, started: !running };
}

export function stopKeycloak(env: NodeJS.ProcessEnv = process.env): void {
  spawnSync('bash', [KEYCLOAK_SCRIPT, 'stop'], { stdio: 'inherit', env });
}

/**
 * The services' and the gateway's environment for Keycloak: its tokens are accepted beside the development
 * key (AUTH_ISSUERS), and the gateway tells the dashboard to sign in with OIDC. A variable already set wins.
 */
export function applySsoEnv(issuer: string, env: NodeJS.ProcessEnv = process.env): void {
  env.AUTH_ISSUERS ??= keycloakAuthEnv(issuer).AUTH_ISSUERS;
  env.OIDC_AUTHORITY ??= issuer;
  env.OIDC_CLIENT_ID ??= KEYCLOAK_WEB_CLIENT;
}

export const DEMO_USERS: readonly { username: string; what: string }[] = [
  { username: 'admin', what: 'admin' },
  { username: 'inntak', what: 'intake' },
  {
    username: 'bydel-030101',
    what: 'district-staff, Gamle Oslo (bydel-030101 … bydel-030117, bydel-utenbys)',
  },
  { username: 'institusjon', what: 'institution-staff' },
  { username: 'uten-rolle', what: 'no role (is refused)' },
];

export function signInInfo(keycloak: DevKeycloak): string {
  return [
    `Sign-in (Keycloak, development only): ${keycloak.issuer}`,
    ...DEMO_USERS.map(
      (u) => `  ${u.username.padEnd(13)} password ${keycloakDemoPassword(u.username).padEnd(22)} ${u.what}`,
    ),
    `Keycloak admin console: ${keycloak.url}/admin/ (admin / admin)`,
  ].join('\n');
}
