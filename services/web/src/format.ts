/** Numbers, shares and times the Norwegian way (nb-NO). */
const integer = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 0 });
/** «04.12.2026»: the form Norwegian readers expect, whatever the browser's own locale. */
const dateOnly = new Intl.DateTimeFormat('nb-NO', { day: '2-digit', month: '2-digit', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit' });
const relative = new Intl.RelativeTimeFormat('nb', { numeric: 'auto' });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integer.format(value);
}

export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : percent.format(value);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : `${dateOnly.format(date)} kl. ${timeOnly.format(date)}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : dateOnly.format(date);
}

/** "for 5 minutter siden", "i går", … */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'aldri';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return 'ukjent';
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'nå nettopp';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

/** A calendar day as the API gives it (yyyy-mm-dd) → «04.12.2026»; anything else as it came. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '–';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : day;
}

const osloDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * yyyy-mm-dd of an instant in Oslo, for <input type="date">: the city's reports count Oslo days
 * (Europe/Oslo), so "today" is Oslo's today whatever zone the browser is set to (between 23:00 and
 * 24:00 UTC, Oslo is already on the next day).
 */
export function isoDay(date: Date): string {
  return osloDay.format(date);
}

/** The day after a yyyy-mm-dd day: an inclusive "til og med" as the exclusive end an API wants. */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

const days = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });

/** Bed-days (døgn): whole numbers over long periods, one decimal for short ones. */
export function formatDays(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : days.format(value);
}
