/**
 * The institution forms' plain rules (ADR 0187): today and "days so far" by Oslo's calendar, the planned
 * discharge date a form accepts, and how an open stay is described when staff pick it for discharge —
 * by its dates and referring district, never by its id.
 */
import type { StayDto } from '@plass/contracts/rest';
import { REPORT_TIME_ZONE } from '@plass/domain';
import { formatDay } from '../../format';
import { districtLabel } from '../../labels';

const osloDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Oslo (yyyy-mm-dd), as the institution service checks a planned date against it. */
export function osloToday(now: Date = new Date()): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    osloDay.formatToParts(now).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The last planned discharge date the service accepts (five years ahead, MAX_PLANNED_STAY_DAYS). */
export const MAX_PLANNED_STAY_DAYS = 5 * 366;

export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Calendar days in Oslo from the admission to today: 0 on the day of admission. */
export function daysSince(admittedAt: string, now: Date = new Date()): number {
  const from = Date.parse(`${osloToday(new Date(admittedAt))}T00:00:00Z`);
  const to = Date.parse(`${osloToday(now)}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

export function formatDaysSoFar(days: number): string {
  if (days === 0) return 'innskrevet i dag';
  return `${days} døgn så langt`;
}

/** A planned discharge date from the form: '' is none; else a date from today up to five years ahead. */
export function plannedDateProblem(value: string, now: Date = new Date()): string | null {
  if (value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    return 'Skriv datoen som dd.mm.åååå.';
  const today = osloToday(now);
  if (value < today) return `Planlagt utskrivingsdato kan ikke være før i dag (${formatDay(today)}).`;
  const latest = addDays(today, MAX_PLANNED_STAY_DAYS);
  if (value > latest) return `Planlagt utskrivingsdato kan være senest ${formatDay(latest)}.`;
  return null;
}

/** The day of admission in Oslo, «04.12.2026». */
export function admittedDay(stay: StayDto): string {
  return formatDay(osloToday(new Date(stay.admittedAt)));
}

/** What identifies a stay to the staff: when it began and which district referred the resident. */
export function stayLabel(stay: StayDto): string {
  return `Innskrevet ${admittedDay(stay)} · ${districtLabel(stay.referringDistrictCode)}`;
}

/** The rest of what staff check before discharging: the planned date and the days so far. */
export function stayDetails(stay: StayDto, now: Date = new Date()): string {
  const planned = stay.plannedDischargeDate
    ? `planlagt utskriving ${formatDay(stay.plannedDischargeDate)}`
    : 'ingen planlagt utskrivingsdato';
  return `${planned[0].toUpperCase()}${planned.slice(1)} · ${formatDaysSoFar(daysSince(stay.admittedAt, now))}`;
}

/** Oldest admission first; the same day by planned date (none last). */
export function sortStays(stays: readonly StayDto[]): StayDto[] {
  return [...stays].sort(
    (a, b) =>
      a.admittedAt.localeCompare(b.admittedAt) ||
      (a.plannedDischargeDate ?? '9999').localeCompare(b.plannedDischargeDate ?? '9999'),
  );
}
