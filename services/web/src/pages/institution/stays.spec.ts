import { describe, expect, it } from '@jest/globals';
import type { StayDto } from '@plass/contracts/rest';
import {
  addDays,
  admittedDay,
  daysSince,
  osloToday,
  plannedDateProblem,
  sortStays,
  stayDetails,
  stayLabel,
} from './stays';

const stay = (over: Partial<StayDto>): StayDto => ({
  stayId: '6f1c8c1e-8b7e-4f43-9d35-0a4c1a8f1f01',
  unitId: '0b7f4a55-2d6e-4f8e-a7a2-5b1e7e1b2c03',
  referringDistrictCode: '030103',
  admittedAt: '2026-12-01T09:30:00Z',
  plannedDischargeDate: null,
  ...over,
});

describe('the institution forms’ rules', () => {
  it("takes today from Oslo's calendar, not the browser's or UTC", () => {
    expect(osloToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(osloToday(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });

  it('refuses a planned discharge date before today or over five years ahead, and allows none', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(plannedDateProblem('', now)).toBeNull();
    expect(plannedDateProblem('2026-12-04', now)).toBeNull();
    expect(plannedDateProblem('2026-12-03', now)).toBe(
      'Planlagt utskrivingsdato kan ikke være før i dag (04.12.2026).',
    );
    expect(plannedDateProblem(addDays('2026-12-04', 5 * 366), now)).toBeNull();
    expect(plannedDateProblem(addDays('2026-12-04', 5 * 366 + 1), now)).toMatch(/senest/);
    expect(plannedDateProblem('04.12.2026', now)).toBe('Skriv datoen som dd.mm.åååå.');
  });

  it('counts calendar days in Oslo since the admission', () => {
    // 23:30 UTC on 3 December is 4 December in Oslo: admitted today.
    expect(daysSince('2026-12-03T23:30:00Z', new Date('2026-12-04T10:00:00Z'))).toBe(0);
    expect(daysSince('2026-12-01T09:30:00Z', new Date('2026-12-04T10:00:00Z'))).toBe(3);
  });

  it('describes a stay by its dates and referring district, never by its id', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    const planned = stay({ plannedDischargeDate: '2026-12-20' });
    expect(stayLabel(planned)).toBe('Innskrevet 01.12.2026 · Sagene');
    // Admitted 23:30 UTC on 30 November: 1 December in Oslo.
    expect(admittedDay(stay({ admittedAt: '2026-11-30T23:30:00Z' }))).toBe('01.12.2026');
    expect(stayDetails(planned, now)).toBe('Planlagt utskriving 20.12.2026 · 3 døgn så langt');
    expect(stayDetails(stay({ admittedAt: '2026-12-04T08:00:00Z' }), now)).toBe(
      'Ingen planlagt utskrivingsdato · innskrevet i dag',
    );
    expect(`${stayLabel(planned)} ${stayDetails(planned, now)}`).not.toContain(planned.stayId.slice(0, 8));
  });

  it('lists the oldest admission first', () => {
    const a = stay({ stayId: 'a', admittedAt: '2026-12-02T08:00:00Z' });
    const b = stay({ stayId: 'b', admittedAt: '2026-11-20T08:00:00Z' });
    expect(sortStays([a, b]).map((s) => s.stayId)).toEqual(['b', 'a']);
  });
});
