/** REST shapes of the housing service (ARCHITECTURE.md §4, housing part). */
import type { DistrictCode, HousingStatus, HousingType } from '@plass/domain';
import type { HousingUnavailableReason } from './events/housing-unit-status-changed';
import type { HousingNeeds } from './events/housing-need-changed';

/**
 * A dwelling's optional label: the owner's reference code (e.g. `B-0412`), never an address or a name.
 * Letters A–Z, digits, `.` and `-`, at most 24 characters with at least one digit. No spaces, so a name
 * ("Kari Hansen") or an address ("Storgata 5") does not fit (docs/decisions/0022).
 */
export const HOUSING_LABEL_PATTERN = /^(?=[A-Za-z0-9.-]*[0-9])[A-Za-z0-9][A-Za-z0-9.-]{0,23}$/;

/** A reservation holds a dwelling for at most this long; then it lapses back to vacant. */
export const MAX_HOUSING_RESERVATION_DAYS = 30;

export interface HousingUnitDto {
  id: string;
  districtCode: DistrictCode;
  type: HousingType;
  label: string | null;
  status: HousingStatus;
  /** Set exactly when status is `unavailable`. */
  reason: HousingUnavailableReason | null;
  /** Set exactly when status is `reserved` (ISO 8601). */
  reservedUntil: string | null;
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

export interface RegisterHousingUnitRequest {
  districtCode: DistrictCode;
  type: HousingType;
  label?: string;
}

export interface ChangeHousingStatusRequest {
  status: HousingStatus;
  reason?: HousingUnavailableReason;
  reservedUntil?: string;
}

export interface HousingNeedDto {
  districtCode: DistrictCode;
  /** Every housing type with its registered households. */
  needs: HousingNeeds;
  total: number;
  /** 0 while the district has registered nothing. */
  sequence: number;
  updatedAt: string | null;
}

export interface UpdateHousingNeedRequest {
  /** The district's whole need: types left out count as 0. */
  needs: Partial<Record<HousingType, number>>;
}
