/**
 * The pure rules of notifications (ADR 0175–0177): who may subscribe to what, which alerts a subscription
 * matches, how a delivery is signed, when the next attempt is due, and which webhook URLs are accepted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { AuthUser } from '@plass/auth';
import type { AlertData, NotificationScope } from '@plass/contracts';
import { isDistrictCode, isServiceCategoryCode, scopeKey, type DistrictCode } from '@plass/domain';

/** `sha256=<hex HMAC-SHA256 of the body with the secret>`: the X-Plass-Signature header. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signature(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The wait before attempt `failed + 1` after `failed` failed attempts: base · 2^(failed−1), at most max. */
export function backoffMs(failed: number, baseMs: number, maxMs: number): number {
  if (failed < 1) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failed - 1, 30));
}

/** The capacity scope key a subscription's alerts must have among their rooms; `city` is every alert. */
export function subscriptionScopeKey(scope: NotificationScope): string {
  return scope.type === 'city' ? 'city' : scopeKey(scope.type, scope.id);
}

export interface SubscriptionFilter {
  codes: readonly string[];
  scopeKey: string;
}

/** A subscription matches an alert of one of its codes whose live rooms include its scope. */
export function matchesAlert(
  subscription: SubscriptionFilter,
  alert: Pick<AlertData, 'code' | 'rooms' | 'scopeKey'>,
): boolean {
  if (!subscription.codes.includes(alert.code)) return false;
  if (subscription.scopeKey === 'city') return true;
  return alert.scopeKey === subscription.scopeKey || alert.rooms.includes(subscription.scopeKey);
}

export type ScopeDecision = { ok: true; scope: NotificationScope } | { ok: false; detail: string };

const has = (user: AuthUser, role: AuthUser['roles'][number]) => user.roles.includes(role);

/** A scope's id must name something of its type: a district code, a category code, a uuid. */
export function scopeShapeProblem(scope: NotificationScope): string | undefined {
  const id = scope.id;
  switch (scope.type) {
    case 'city':
      return id === undefined ? undefined : 'scope city takes no id';
    case 'district':
      return id && isDistrictCode(id)
        ? undefined
        : `scope district needs a district code as id, got ${String(id)}`;
    case 'category':
      return id && isServiceCategoryCode(id)
        ? undefined
        : `scope category needs a service category code as id, got ${String(id)}`;
    case 'institution':
    case 'unit':
      return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
        ? undefined
        : `scope ${scope.type} needs a uuid as id, got ${String(id)}`;
  }
}

function ownDistrict(user: AuthUser, scope: NotificationScope | undefined, what: string): ScopeDecision {
  const district = user.districtCode as DistrictCode;
  if (!scope) return { ok: true, scope: { type: 'district', id: district } };
  if (scope.type === 'district' && scope.id === district) return { ok: true, scope };
  return {
    ok: false,
    detail: `district staff may ${what} for their own district only (district ${district}), not ${describe(scope)}`,
  };
}

function describe(scope: NotificationScope): string {
  return scope.type === 'city' ? 'the whole city' : `${scope.type} ${scope.id ?? ''}`;
}

/**
 * The scope a webhook gets: intake and admin any scope (none is the city); district staff their own
 * district only (none is their district). Other roles may not register webhooks.
 */
export function webhookScopeFor(user: AuthUser, scope: NotificationScope | undefined): ScopeDecision {
  if (has(user, 'admin') || has(user, 'intake')) return { ok: true, scope: scope ?? { type: 'city' } };
  if (has(user, 'district-staff') && user.districtCode) return ownDistrict(user, scope, 'register webhooks');
  return { ok: false, detail: 'only intake, admin and district staff may register webhooks' };
}

/** Whether the user may see and remove a webhook registered by `districtCode` (null: intake or admin's). */
export function mayManageWebhook(user: AuthUser, districtCode: string | null): boolean {
  if (has(user, 'admin') || has(user, 'intake')) return true;
  return has(user, 'district-staff') && districtCode !== null && user.districtCode === districtCode;
}

/**
 * The scope of a person's e-mail subscription, within their role: intake and admin a category or all (none
 * is all); district staff their own district; institution staff one of their institutions (none is their
 * only institution).
 */
export function emailScopeFor(user: AuthUser, scope: NotificationScope | undefined): ScopeDecision {
  if (has(user, 'admin')) return { ok: true, scope: scope ?? { type: 'city' } };
  if (has(user, 'intake')) {
    if (!scope || scope.type === 'city' || scope.type === 'category') {
      return { ok: true, scope: scope ?? { type: 'city' } };
    }
  }
  if (has(user, 'district-staff') && user.districtCode) {
    if (!scope || (scope.type === 'district' && scope.id === user.districtCode)) {
      return ownDistrict(user, scope, 'subscribe');
    }
  }
  if (has(user, 'institution-staff')) {
    if (!scope && user.institutionIds.length === 1) {
      return { ok: true, scope: { type: 'institution', id: user.institutionIds[0] } };
    }
    if (scope?.type === 'institution' && user.institutionIds.includes((scope.id ?? '').toLowerCase())) {
      return { ok: true, scope: { type: 'institution', id: (scope.id ?? '').toLowerCase() } };
    }
  }
  const allowed: string[] = [];
  if (has(user, 'intake')) allowed.push('a category or the whole city');
  if (has(user, 'district-staff')) allowed.push(`district ${user.districtCode ?? ''}`);
  if (has(user, 'institution-staff')) allowed.push('one of your institutions');
  return {
    ok: false,
    detail: `your role may subscribe to ${allowed.join(' or ') || 'nothing'}, not ${scope ? describe(scope) : 'without a scope'}`,
  };
}

const PRIVATE_V4 = [
  [10, 0, 8],
  [127, 0, 8],
  [169, 254, 16],
  [172, 16, 12],
  [192, 168, 16],
  [0, 0, 8],
] as const;

function isPrivateV4(host: string): boolean {
  const [a, b] = host.split('.').map(Number);
  return PRIVATE_V4.some(([net, second, bits]) =>
    bits === 8 ? a === net : bits === 16 ? a === net && b === second : a === net && (b & 0xf0) === second,
  );
}

/** Loopback, link-local or private: a receiver inside our own network. */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIPv4(host)) return isPrivateV4(host);
  if (isIPv6(host)) {
    if (host === '::1' || host === '::') return true;
    if (host.startsWith('fe80:') || host.startsWith('fc') || host.startsWith('fd')) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped ? isPrivateV4(mapped[1]) : false;
  }
  return false;
}

/**
 * Why a webhook URL is refused, or undefined: http or https only, no credentials in it, and in production
 * no loopback, link-local or private address (names are not resolved here; ADR 0175).
 */
export function webhookUrlProblem(raw: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `url ${JSON.stringify(raw.slice(0, 100))} is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `url must be http or https, not ${url.protocol.replace(/:$/, '')}`;
  }
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (production && isInternalHost(url.hostname)) {
    return `url ${url.hostname} is a loopback or internal address, refused in production`;
  }
  return undefined;
}
