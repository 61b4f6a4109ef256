import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { devConfig, INSTITUTION_A, INSTITUTION_B } from '../testing/auth-user.factory';
import { createTokenVerifier } from '../verifier';

const repoRoot = path.resolve(__dirname, '../../../..');
const verifier = createTokenVerifier(devConfig);

/** The parent's environment without the variables that would change the token. */
function inheritedEnv(): NodeJS.ProcessEnv {
  const ignored = new Set([
    'NODE_ENV',
    'AUTH_ISSUER',
    'AUTH_AUDIENCE',
    'AUTH_JWKS_URL',
    'AUTH_DEV_SECRET',
    'AUTH_MAX_TOKEN_LIFETIME_S',
  ]);
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !ignored.has(name)));
}

/** Runs the command with swc-node from the repository root, as `npm run token` is meant to. */
function token(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'libs/auth/src/cli/token.ts', ...args],
    {
      cwd: repoRoot,
      env: { ...inheritedEnv(), ...env },
      encoding: 'utf8',
    },
  );
  const lines = result.stdout.trimEnd().split('\n');
  return {
    status: result.status,
    lastLine: lines[lines.length - 1],
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

describe('token command', () => {
  jest.setTimeout(30_000);

  it('prints a district-staff token that verifies on the last line of stdout', async () => {
    const run = token(['--role', 'district-staff', '--district', '030103']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/district-staff token for district 030103/);
    await expect(verifier.verify(run.lastLine)).resolves.toEqual({
      sub: 'dev-district-staff',
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030103',
    });
  });

  it('takes repeated --institution, --sub and --ttl', async () => {
    const run = token([
      '--role',
      'institution-staff',
      '--institution',
      INSTITUTION_A,
      '--institution',
      INSTITUTION_B,
      '--sub',
      'kari',
      '--ttl',
      '120',
    ]);
    expect(run.status).toBe(0);
    await expect(verifier.verify(run.lastLine)).resolves.toMatchObject({
      sub: 'kari',
      institutionIds: [INSTITUTION_A, INSTITUTION_B],
    });
    const { exp = 0, iat = 0 } = decodeJwt(run.lastLine);
    expect(exp - iat).toBe(120);
  });

  it('mints its default token within the maximum lifetime, also a configured shorter one', async () => {
    const byDefault = decodeJwt(token(['--role', 'intake']).lastLine);
    expect((byDefault.exp ?? 0) - (byDefault.iat ?? 0)).toBe(43_200);
    const run = token(['--role', 'intake'], { AUTH_MAX_TOKEN_LIFETIME_S: '900' });
    expect(run.status).toBe(0);
    const short = decodeJwt(run.lastLine);
    expect((short.exp ?? 0) - (short.iat ?? 0)).toBe(900);
    await expect(verifier.verify(run.lastLine)).resolves.toMatchObject({ roles: ['intake'] });
  });

  it('refuses to run when NODE_ENV=production', () => {
    const run = token(['--role', 'intake'], { NODE_ENV: 'production' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/refusing .* NODE_ENV=production/);
  });

  it.each([
    ['no role', [], /--role must be one of/],
    ['an unknown role', ['--role', 'superuser'], /--role must be one of/],
    ['district-staff without a district', ['--role', 'district-staff'], /needs --district/],
    ['an unknown district', ['--role', 'district-staff', '--district', '0301'], /not an Oslo district/],
    [
      'an institution that is not a uuid',
      ['--role', 'institution-staff', '--institution', '42'],
      /not a uuid/,
    ],
    [
      'a district for another role',
      ['--role', 'intake', '--district', '030103'],
      /only for --role district-staff/,
    ],
    ['a bad ttl', ['--role', 'intake', '--ttl', '1h'], /--ttl must be/],
    [
      'a ttl past the maximum lifetime',
      ['--role', 'intake', '--ttl', '43201'],
      /more than the maximum token lifetime of 43200 s/,
    ],
    ['an unknown option', ['--role', 'intake', '--admin'], /Unknown option/],
  ])('exits 2 with usage on %s', (_case, args, message) => {
    const run = token(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^usage: /m);
  });
});
