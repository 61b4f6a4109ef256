import type { ReferralChangeEvent, ReferralState } from '@plass/contracts';
import { projectReferrals, type ReferralRow } from './referral-projection';

const ID = '0f6c2d0e-8a51-4c3e-9d7b-2b1f4e6a9c10';

/** A referral event with the referral's state after it; only what the projection reads is real. */
function referralEvent(overrides: Partial<ReferralState> = {}): ReferralChangeEvent {
  const data: ReferralState = {
    id: ID,
    districtCode: '030103',
    categories: ['coping', 'acute'],
    urgency: 'urgent',
    needs: [],
    earliestDate: null,
    status: 'waiting',
    withdrawalReason: null,
    offer: null,
    stayId: null,
    placedAt: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    sequence: 1,
    ...overrides,
  };
  return {
    specversion: '1.0',
    id: `e-${data.id}-${data.sequence}`,
    source: '/intake-service',
    type: 'no.oslo.plassoversikt.referral.changed',
    subject: data.id,
    time: data.updatedAt,
    datacontenttype: 'application/json',
    sequence: data.sequence,
    dataschema: 'urn:plassoversikt:referral:1',
    data,
  };
}

describe(projectReferrals.name, () => {
  it('keeps the latest state and the first-preference category of a new referral', () => {
    const p = projectReferrals(new Map(), [referralEvent()]);
    expect(p.referrals).toEqual([
      expect.objectContaining({
        referralId: ID,
        status: 'waiting',
        categories: ['coping', 'acute'],
        sequence: 1,
      }),
    ]);
    expect(p.categories).toEqual(['coping']);
    expect(p.applied).toBe(1);
  });

  it('ignores a duplicate or older event', () => {
    const first = projectReferrals(new Map(), [referralEvent({ sequence: 2, status: 'offered' })]);
    const current = new Map(first.referrals.map((r): [string, ReferralRow] => [r.referralId, r]));
    const again = projectReferrals(current, [referralEvent({ sequence: 1 }), referralEvent({ sequence: 2 })]);
    expect(again).toEqual({
      referrals: [],
      declines: [],
      districts: [],
      categories: [],
      applied: 0,
      skipped: 2,
    });
  });

  it('stamps placed and withdrawn with the change time, whatever the event type is called', () => {
    const p = projectReferrals(new Map(), [
      referralEvent(),
      referralEvent({ status: 'offered', sequence: 2, updatedAt: '2026-11-24T10:00:00.000Z' }),
      referralEvent({ status: 'placed', sequence: 3, updatedAt: '2026-11-25T12:00:00.000Z' }),
    ]);
    expect(p.referrals).toEqual([
      expect.objectContaining({ status: 'placed', placedAt: '2026-11-25T12:00:00.000Z', withdrawnAt: null }),
    ]);
    const w = projectReferrals(new Map(), [
      referralEvent({
        status: 'withdrawn',
        withdrawalReason: 'other',
        updatedAt: '2026-11-26T08:00:00.000Z',
      }),
    ]);
    expect(w.referrals[0]).toMatchObject({ withdrawnAt: '2026-11-26T08:00:00.000Z', placedAt: null });
  });

  it('takes the admission time as placed when the event has it', () => {
    const p = projectReferrals(new Map(), [
      referralEvent({
        status: 'placed',
        sequence: 4,
        placedAt: '2026-11-25T09:00:00.000Z',
        updatedAt: '2026-11-25T12:00:00.000Z',
      }),
    ]);
    expect(p.referrals[0]).toMatchObject({ placedAt: '2026-11-25T09:00:00.000Z' });
  });

  it('records a declined offer by its id with the reason, once however often its state comes again', () => {
    const offer = {
      offerId: '5a4c2d0e-8a51-4c3e-9d7b-2b1f4e6a9c10',
      unitId: '6b4c2d0e-8a51-4c3e-9d7b-2b1f4e6a9c10',
      category: 'acute' as const,
      offeredAt: '2026-11-24T08:00:00.000Z',
      expiresAt: '2026-11-24T20:00:00.000Z',
      reservationId: '5a4c2d0e-8a51-4c3e-9d7b-2b1f4e6a9c10',
      outcome: 'declined' as const,
      declineReason: 'unsuitable' as const,
      decidedAt: '2026-11-24T09:00:00.000Z',
    };
    const p = projectReferrals(new Map(), [
      referralEvent({ sequence: 3, offer }),
      referralEvent({ sequence: 4, offer, status: 'withdrawn', withdrawalReason: 'other' }),
    ]);
    expect(p.declines).toEqual([
      {
        offerId: offer.offerId,
        referralId: ID,
        districtCode: '030103',
        firstCategory: 'coping',
        reason: 'unsuitable',
        decidedAt: '2026-11-24T09:00:00.000Z',
      },
    ]);
    expect(p.districts).toEqual(['030103']);
    expect(p.referrals[0]).toMatchObject({ offerOutcome: 'declined', offerExpiresAt: offer.expiresAt });
  });

  it('names both categories when the first preference changes', () => {
    const first = projectReferrals(new Map(), [referralEvent()]);
    const current = new Map(first.referrals.map((r): [string, ReferralRow] => [r.referralId, r]));
    const p = projectReferrals(current, [referralEvent({ sequence: 2, categories: ['acute'] })]);
    expect(p.categories).toEqual(['acute', 'coping']);
  });
});
