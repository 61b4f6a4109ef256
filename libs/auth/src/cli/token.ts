/** `npm run token`: prints a development token on the last line of stdout (ARCHITECTURE.md §6). */
import { parseArgs } from 'node:util';
import { isDistrictCode } from '@plass/domain';
import type { DistrictCode } from '@plass/domain';
import { isRole, isUuid, ROLES } from '../claims';
import type { Role } from '../claims';
import { authConfigFromEnv, isProduction } from '../config';
import { DEFAULT_DEV_TOKEN_TTL_SECONDS, signDevToken } from '../dev-token';
import type { DevTokenUser } from '../dev-token';

export const USAGE = `usage: npm run -s token -- --role <role> [options]

  --role <role>          one of ${ROLES.join(', ')} (required)
  --district <code>      district code, required for district-staff (e.g. 030103)
  --institution <uuid>   institution id, required for institution-staff; repeat for several
  --sub <id>             subject (default dev-<role>)
  --ttl <seconds>        lifetime (default ${DEFAULT_DEV_TOKEN_TTL_SECONDS}, at most AUTH_MAX_TOKEN_LIFETIME_S)
  --help                 this text`;

export interface TokenRequest {
  user: DevTokenUser;
  ttlSeconds: number;
}

class UsageError extends Error {}

/** Parses and checks the arguments (null for --help); throws `UsageError` saying what is wrong. */
function parseRequest(args: string[]): TokenRequest | null {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        district: { type: 'string' },
        institution: { type: 'string', multiple: true },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  if (values.help) return null;
  const role: string | undefined = values.role;
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const districtCode = districtFor(role, values.district);
  const institutionIds = institutionsFor(role, values.institution ?? []);

  const maxSeconds = authConfigFromEnv().maxTokenLifetimeSeconds;
  const ttl = values.ttl ?? String(Math.min(DEFAULT_DEV_TOKEN_TTL_SECONDS, maxSeconds));
  if (!/^[1-9]\d*$/.test(ttl)) throw new UsageError(`--ttl must be a positive whole number of seconds`);
  if (Number(ttl) > maxSeconds) {
    throw new UsageError(
      `--ttl ${ttl} is more than the maximum token lifetime of ${maxSeconds} s (AUTH_MAX_TOKEN_LIFETIME_S)`,
    );
  }
  if (values.sub !== undefined && values.sub.trim() === '') throw new UsageError('--sub must not be empty');

  return {
    user: { sub: values.sub ?? `dev-${role}`, roles: [role], institutionIds, districtCode },
    ttlSeconds: Number(ttl),
  };
}

function districtFor(role: Role, district: string | undefined): DistrictCode | null {
  if (role !== 'district-staff') {
    if (district !== undefined) throw new UsageError('--district is only for --role district-staff');
    return null;
  }
  if (district === undefined) throw new UsageError('--role district-staff needs --district <code>');
  if (!isDistrictCode(district)) throw new UsageError(`--district ${district} is not an Oslo district code`);
  return district;
}

function institutionsFor(role: Role, ids: string[]): string[] {
  if (role !== 'institution-staff') {
    if (ids.length > 0) throw new UsageError('--institution is only for --role institution-staff');
    return [];
  }
  if (ids.length === 0) throw new UsageError('--role institution-staff needs --institution <uuid>');
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw new UsageError(`--institution ${bad} is not a uuid`);
  return ids;
}

function describe({ user, ttlSeconds }: TokenRequest): string {
  const scope = user.districtCode
    ? ` for district ${user.districtCode}`
    : user.institutionIds.length > 0
      ? ` for institution ${user.institutionIds.join(', ')}`
      : '';
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${user.roles.join(', ')} token${scope}, sub ${user.sub}, expires ${expires}`;
}

/** Runs the command; returns the exit code (0 ok, 1 refused, 2 bad arguments). */
export async function runTokenCommand(args: string[]): Promise<number> {
  if (isProduction()) {
    process.stderr.write('token: refusing to sign a development token when NODE_ENV=production\n');
    return 1;
  }
  let request: TokenRequest | null;
  try {
    request = parseRequest(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`token: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (request === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const token = await signDevToken(request.user, { ttlSeconds: request.ttlSeconds });
  process.stderr.write(`token: ${describe(request)}\n`);
  process.stdout.write(`${token}\n`);
  return 0;
}

if (require.main === module) {
  runTokenCommand(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
