/**
 * The rules of a dwelling's status, as a housing officer knows them: which changes are allowed from
 * which status, and what each status needs (a reason when out of use, an end date when reserved).
 * Pure functions; the service applies them under the unit's row lock.
 */
import { MAX_HOUSING_RESERVATION_DAYS, type HousingUnavailableReason } from '@plass/contracts';
import type { HousingStatus } from '@plass/domain';
import { HousingException } from '../housing.exception';

/** Allowed changes; the same status again is never a change (docs/decisions/0020). */
export const STATUS_TRANSITIONS: Readonly<Record<HousingStatus, readonly HousingStatus[]>> = {
  vacant: ['reserved', 'occupied', 'unavailable'],
  reserved: ['vacant', 'occupied', 'unavailable'],
  occupied: ['vacant', 'unavailable'],
  unavailable: ['vacant'],
};

export interface HousingStatusState {
  status: HousingStatus;
  reason: HousingUnavailableReason | null;
  reservedUntil: Date | null;
}

export interface StatusChangeRequest {
  status: HousingStatus;
  reason?: HousingUnavailableReason;
  reservedUntil?: Date;
}

const DAY_MS = 86_400_000;

function invalid(detail: string): HousingException {
  return new HousingException('STATUS_REQUEST_INVALID', detail);
}

/** Checks what the request must carry for its status, before any unit is read: 400 when it does not. */
export function checkStatusRequest(request: StatusChangeRequest, now: Date): void {
  const { status, reason, reservedUntil } = request;
  if (status === 'unavailable' && reason === undefined) {
    throw invalid('reason is required when status is unavailable (renovation, damage or other-use)');
  }
  if (status !== 'unavailable' && reason !== undefined) {
    throw invalid(`reason applies only when status is unavailable, not ${status}`);
  }
  if (status !== 'reserved') {
    if (reservedUntil !== undefined) {
      throw invalid(`reservedUntil applies only when status is reserved, not ${status}`);
    }
    return;
  }
  if (reservedUntil === undefined) {
    throw invalid(
      `reservedUntil is required when status is reserved, at most ${MAX_HOUSING_RESERVATION_DAYS} days ahead`,
    );
  }
  if (reservedUntil.getTime() <= now.getTime()) {
    throw invalid(`reservedUntil must be in the future (now is ${now.toISOString()})`);
  }
  const latest = new Date(now.getTime() + MAX_HOUSING_RESERVATION_DAYS * DAY_MS);
  if (reservedUntil.getTime() > latest.getTime()) {
    throw invalid(
      `a dwelling can be reserved for at most ${MAX_HOUSING_RESERVATION_DAYS} days: reservedUntil must be ` +
        `no later than ${latest.toISOString()}`,
    );
  }
}

function unchangedDetail(current: HousingStatusState): string {
  switch (current.status) {
    case 'vacant':
      return 'the dwelling is already vacant';
    case 'reserved':
      return (
        `the dwelling is already reserved until ${current.reservedUntil?.toISOString() ?? '(unknown)'}; ` +
        'to change the date, release it (vacant) and reserve it again'
      );
    case 'occupied':
      return (
        'the dwelling is already occupied; a dwelling has one tenancy at a time: when the tenant moves out, ' +
        'set it vacant first'
      );
    case 'unavailable':
      return (
        `the dwelling is already unavailable (${current.reason ?? 'no reason'}); ` +
        'set it vacant when it can be let again'
      );
  }
}

function refusedDetail(from: HousingStatus, to: HousingStatus): string {
  const hint =
    from === 'unavailable'
      ? 'a dwelling out of use must be set vacant when it is ready, before it can be reserved or let'
      : from === 'occupied' && to === 'reserved'
        ? 'an occupied dwelling cannot be reserved for the next tenant; set it vacant when the tenant moves out'
        : `${from} cannot become ${to}`;
  return `${hint} (allowed from ${from}: ${STATUS_TRANSITIONS[from].join(', ')})`;
}

/** The unit's state after the change; 409 when it is no change or not an allowed one. */
export function applyStatusChange(
  current: HousingStatusState,
  request: StatusChangeRequest,
): HousingStatusState {
  const from = current.status;
  const to = request.status;
  if (from === to) {
    throw new HousingException('STATUS_UNCHANGED', unchangedDetail(current), { status: from });
  }
  if (!STATUS_TRANSITIONS[from].includes(to)) {
    throw new HousingException('STATUS_TRANSITION_NOT_ALLOWED', refusedDetail(from, to), {
      from,
      to,
      allowed: STATUS_TRANSITIONS[from],
    });
  }
  return {
    status: to,
    reason: to === 'unavailable' ? (request.reason ?? null) : null,
    reservedUntil: to === 'reserved' ? (request.reservedUntil ?? null) : null,
  };
}
