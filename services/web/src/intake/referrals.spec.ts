import { describe, expect, it } from '@jest/globals';
import type { IntakeChangedPush } from '@plass/contracts';
import type { Referral } from '@plass/contracts/rest';
import {
  applyReferralPush,
  compareNewest,
  compareWaiting,
  expiryInstant,
  fitsUnit,
  localDateTimeAfter,
  referralBody,
  type ReferralForm,
} from './referrals';

let n = 0;
function referral(overrides: Partial<Referral> = {}): Referral {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    districtCode: '030101',
    categories: ['acute'],
    urgency: 'urgent',
    needs: [],
    earliestDate: null,
    status: 'waiting',
    withdrawalReason: null,
    offer: null,
    stayId: null,
    placedAt: null,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    sequence: 1,
    position: 1,
    ...overrides,
  };
}

const push = (r: Referral, overrides: Partial<IntakeChangedPush> = {}): IntakeChangedPush => {
  const { position: _position, ...state } = r;
  void _position;
  return { ...state, ...overrides };
};

const waiting = (r: Referral) => r.status === 'waiting';

describe(compareWaiting.name, () => {
  it('puts the most urgent first, then the one that has waited longest', () => {
    const plannedOld = referral({ urgency: 'planned', createdAt: '2026-11-01T08:00:00.000Z' });
    const urgentNew = referral({ urgency: 'urgent', createdAt: '2026-12-02T08:00:00.000Z' });
    const urgentOld = referral({ urgency: 'urgent', createdAt: '2026-11-20T08:00:00.000Z' });
    const acute = referral({ urgency: 'acute', createdAt: '2026-12-03T08:00:00.000Z' });
    expect([plannedOld, urgentNew, urgentOld, acute].sort(compareWaiting)).toEqual([
      acute,
      urgentOld,
      urgentNew,
      plannedOld,
    ]);
  });

  it('lists a district’s own referrals newest first', () => {
    const old = referral({ createdAt: '2026-11-01T08:00:00.000Z' });
    const recent = referral({ createdAt: '2026-12-01T08:00:00.000Z' });
    expect([old, recent].sort(compareNewest)).toEqual([recent, old]);
  });
});

describe(applyReferralPush.name, () => {
  it('adds a new waiting referral in priority order', () => {
    const first = referral({ urgency: 'acute' });
    const added = referral({ urgency: 'urgent' });
    const list = applyReferralPush(
      [first],
      push(added, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }),
      waiting,
      compareWaiting,
    );
    expect(list.map((r) => r.id)).toEqual([first.id, added.id]);
    expect(list[1]).not.toHaveProperty('traceId');
    expect(list[1].position).toBeNull();
  });

  it('takes a referral a write answered with, position and all', () => {
    const held = referral({ sequence: 1, position: null });
    const answered = { ...held, sequence: 2, position: 3 };
    expect(applyReferralPush([held], answered, waiting, compareWaiting)).toEqual([answered]);
  });

  it('ignores a push that is not newer than the referral the list holds', () => {
    const held = referral({ sequence: 3, urgency: 'acute' });
    const list = applyReferralPush(
      [held],
      push(held, { sequence: 2, urgency: 'planned' }),
      waiting,
      compareWaiting,
    );
    expect(list).toEqual([held]);
  });

  it('removes a referral that no longer belongs, and drops the position of one no longer waiting', () => {
    const held = referral({ sequence: 1, position: 4 });
    const offered = push(held, {
      sequence: 2,
      status: 'offered',
      offer: {
        offerId: '00000000-0000-4000-8000-0000000000f1',
        unitId: '00000000-0000-4000-8000-0000000000a1',
        category: 'acute',
        offeredAt: '2026-12-02T08:00:00.000Z',
        expiresAt: '2026-12-04T08:00:00.000Z',
        reservationId: null,
        outcome: 'open',
        declineReason: null,
        decidedAt: null,
      },
    });
    expect(applyReferralPush([held], offered, waiting, compareWaiting)).toEqual([]);
    const all = applyReferralPush([held], offered, () => true, compareNewest);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'offered', sequence: 2, position: null });
  });
});

describe(referralBody.name, () => {
  const form: ReferralForm = {
    districtCode: '030103',
    categories: ['coping', '', 'acute'],
    urgency: 'planned',
    needs: [],
    earliestDate: '',
  };

  it('sends the chosen categories in order, and leaves out what was not filled in', () => {
    expect(referralBody(form)).toEqual({
      ok: true,
      body: { districtCode: '030103', categories: ['coping', 'acute'], urgency: 'planned' },
    });
    expect(referralBody({ ...form, needs: ['wheelchair'], earliestDate: '2026-12-20' })).toEqual({
      ok: true,
      body: {
        districtCode: '030103',
        categories: ['coping', 'acute'],
        urgency: 'planned',
        needs: ['wheelchair'],
        earliestDate: '2026-12-20',
      },
    });
  });

  it.each([
    ['no district', { districtCode: '' as const }, /bydel/],
    ['no category', { categories: ['', '', ''] as ReferralForm['categories'] }, /minst én/],
    ['a category twice', { categories: ['acute', 'acute'] as ReferralForm['categories'] }, /bare én gang/],
    ['a date that is not one', { earliestDate: '20.12.2026' }, /dato/],
  ])('explains in Norwegian what is wrong with %s', (_case, change, error) => {
    const result = referralBody({ ...form, ...change });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(error);
  });
});

describe('offer expiry', () => {
  it('defaults to 48 hours ahead, as a local date and time the contract gets as an instant', () => {
    const now = new Date(2026, 11, 4, 13, 5);
    const local = localDateTimeAfter(now);
    expect(local).toBe('2026-12-06T13:05');
    expect(expiryInstant(local)).toBe(new Date(2026, 11, 6, 13, 5).toISOString());
    expect(expiryInstant('')).toBeNull();
  });
});

describe(fitsUnit.name, () => {
  it('fits a waiting referral that names the unit’s category and needs only what the unit offers', () => {
    const unit = { category: 'acute' as const, features: ['wheelchair' as const] };
    expect(fitsUnit(referral({ categories: ['coping', 'acute'], needs: ['wheelchair'] }), unit)).toBe(true);
    expect(fitsUnit(referral({ categories: ['coping'] }), unit)).toBe(false);
    expect(fitsUnit(referral({ needs: ['women-only'] }), unit)).toBe(false);
    expect(fitsUnit(referral({ status: 'withdrawn', withdrawalReason: 'other', position: null }), unit)).toBe(
      false,
    );
  });
});
