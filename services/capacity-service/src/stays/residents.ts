/**
 * A district's residents (ADR 0183): the stays it referred, wherever the institution lies, and its
 * referrals waiting or offered, summed per category. Pure, so that the figures are tested without a database.
 */
import type { DistrictResidents, ResidentFigures, ResidentStay } from '@plass/contracts';
import { districtName, SERVICE_CATEGORIES, type DistrictCode, type ServiceCategoryCode } from '@plass/domain';

const DAY_MS = 86_400_000;
export const RECENT_DAYS = 30;

/** An open stay as the repository reads it. */
export interface OpenStayRow {
  unitId: string;
  unitName: string;
  institutionId: string;
  institutionName: string;
  category: ServiceCategoryCode;
  institutionDistrictCode: DistrictCode;
  admittedAt: Date;
  plannedDischargeDate: string | null;
}

/** Stays begun or ended in the recent window, per category. */
export interface RecentFlowRow {
  category: ServiceCategoryCode;
  admitted: number;
  discharged: number;
}

/** The district's referrals waiting or with an open offer, per first-preference category. */
export interface ReferralCountRow {
  category: ServiceCategoryCode;
  waiting: number;
  offers: number;
}

const oneDecimal = (v: number) => Math.round(v * 10) / 10;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function figures(
  open: OpenStayRow[],
  flow: { admitted: number; discharged: number },
  referrals: { waiting: number; offers: number },
  now: number,
): ResidentFigures {
  const days = open.map((s) => Math.max(0, (now - s.admittedAt.getTime()) / DAY_MS));
  const mid = median(days);
  return {
    residentsNow: open.length,
    admittedLast30Days: flow.admitted,
    dischargedLast30Days: flow.discharged,
    averageDaysSoFar: days.length ? oneDecimal(days.reduce((a, b) => a + b, 0) / days.length) : null,
    medianDaysSoFar: mid === null ? null : oneDecimal(mid),
    waitingReferrals: referrals.waiting,
    openOffers: referrals.offers,
  };
}

export function districtResidents(
  districtCode: DistrictCode,
  open: OpenStayRow[],
  flow: RecentFlowRow[],
  referrals: ReferralCountRow[],
  now: number,
): DistrictResidents {
  const sum = <T extends object>(rows: T[], key: keyof T) =>
    rows.reduce((n, r) => n + (r[key] as unknown as number), 0);
  const categories = SERVICE_CATEGORIES.map((c) => {
    const stays = open.filter((s) => s.category === c.code);
    const f = flow.find((r) => r.category === c.code) ?? { admitted: 0, discharged: 0 };
    const r = referrals.find((x) => x.category === c.code) ?? { waiting: 0, offers: 0 };
    return { category: c.code, name: c.name, ...figures(stays, f, r, now) };
  }).filter(
    (c) =>
      c.residentsNow + c.admittedLast30Days + c.dischargedLast30Days + c.waitingReferrals + c.openOffers > 0,
  );
  const openStays: ResidentStay[] = [...open]
    .sort((a, b) => a.admittedAt.getTime() - b.admittedAt.getTime())
    .map((s) => ({
      unitId: s.unitId,
      unitName: s.unitName,
      institutionId: s.institutionId,
      institutionName: s.institutionName,
      category: s.category,
      institutionDistrictCode: s.institutionDistrictCode,
      admittedAt: s.admittedAt.toISOString(),
      plannedDischargeDate: s.plannedDischargeDate,
      daysSoFar: Math.max(0, Math.floor((now - s.admittedAt.getTime()) / DAY_MS)),
    }));
  return {
    districtCode,
    name: districtName(districtCode),
    generatedAt: new Date(now).toISOString(),
    categories,
    total: figures(
      open,
      { admitted: sum(flow, 'admitted'), discharged: sum(flow, 'discharged') },
      { waiting: sum(referrals, 'waiting'), offers: sum(referrals, 'offers') },
      now,
    ),
    openStays,
  };
}
