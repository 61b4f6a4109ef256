import { IntakeException } from '../intake.exception';
import {
  assertOfferExpiry,
  offerAnswered,
  offerEnded,
  offerMade,
  offerOnWithdrawal,
  offerReserved,
  placedFrom,
} from './offer-rules';
import type { ReferralEntity } from './referral.entity';

const now = new Date('2026-12-04T12:00:00.000Z');
const later = new Date('2026-12-06T12:00:00.000Z');
const OFFER = '7b4c9a52-2f0e-4d8b-9a57-0d7c3b1f2a10';
const UNIT = '5d1f3e2a-8c4b-4a6e-9f70-1b2c3d4e5f60';

function waiting(): ReferralEntity {
  return {
    id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
    districtCode: '030103',
    categories: ['coping'],
    urgency: 'planned',
    needs: [],
    earliestDate: null,
    status: 'waiting',
    withdrawalReason: null,
    offerId: null,
    offerUnitId: null,
    offerCategory: null,
    offeredAt: null,
    offerExpiresAt: null,
    offerReservationId: null,
    offerOutcome: null,
    offerDeclineReason: null,
    offerDecidedAt: null,
    stayId: null,
    placedAt: null,
    sequence: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function offered(): ReferralEntity {
  const referral = waiting();
  return Object.assign(
    referral,
    offerMade(referral, { offerId: OFFER, unitId: UNIT, category: 'coping', expiresAt: later }, now),
  );
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeException) return error.code;
    throw error;
  }
  throw new Error('expected an IntakeException');
}

describe('offer rules', () => {
  it('makes an open offer without a reservation on a waiting referral only', () => {
    expect(offered()).toMatchObject({ status: 'offered', offerOutcome: 'open', offerReservationId: null });
    const again = () =>
      offerMade(offered(), { offerId: OFFER, unitId: UNIT, category: 'coping', expiresAt: later }, now);
    expect(codeOf(again)).toBe('REFERRAL_NOT_WAITING');
    const closed = { ...waiting(), status: 'withdrawn' as const, withdrawalReason: 'other' as const };
    expect(
      codeOf(() =>
        offerMade(closed, { offerId: OFFER, unitId: UNIT, category: 'coping', expiresAt: later }, now),
      ),
    ).toBe('REFERRAL_CLOSED');
  });

  it('takes an expiry in the future and at most 14 days ahead', () => {
    expect(() => assertOfferExpiry(later, now)).not.toThrow();
    expect(codeOf(() => assertOfferExpiry(now, now))).toBe('INVALID_EXPIRY');
    expect(codeOf(() => assertOfferExpiry(new Date(now.getTime() + 14 * 86_400_000 + 1), now))).toBe(
      'INVALID_EXPIRY',
    );
  });

  it('accepts or declines an open offer only, the decline putting the referral back on the list', () => {
    expect(offerAnswered(offered(), OFFER, { accept: true }, now)).toEqual({
      offerOutcome: 'accepted',
      offerDecidedAt: now,
    });
    expect(offerAnswered(offered(), OFFER, { accept: false, reason: 'unsuitable' }, now)).toMatchObject({
      status: 'waiting',
      offerOutcome: 'declined',
      offerDeclineReason: 'unsuitable',
    });
    expect(codeOf(() => offerAnswered(offered(), UNIT, { accept: true }, now))).toBe('OFFER_NOT_FOUND');
    expect(codeOf(() => offerAnswered(offered(), OFFER, { accept: true }, later))).toBe('OFFER_NOT_OPEN');
    const accepted = Object.assign(offered(), { offerOutcome: 'accepted' });
    expect(codeOf(() => offerAnswered(accepted, OFFER, { accept: true }, now))).toBe('OFFER_NOT_OPEN');
  });

  it('moves a live offer on once, and ignores events about another or an ended offer', () => {
    expect(offerReserved(offered(), OFFER)).toEqual({ offerReservationId: OFFER });
    expect(offerReserved(Object.assign(offered(), { offerReservationId: OFFER }), OFFER)).toBeNull();
    expect(offerReserved(offered(), UNIT)).toBeNull();
    expect(offerEnded(offered(), OFFER, 'refused', now)).toEqual({
      status: 'waiting',
      offerOutcome: 'refused',
      offerDecidedAt: now,
    });
    expect(offerEnded(waiting(), OFFER, 'expired', now)).toBeNull();
    expect(placedFrom(offered(), OFFER, UNIT, now)).toMatchObject({
      status: 'placed',
      offerOutcome: 'accepted',
      offerReservationId: OFFER,
      stayId: UNIT,
      placedAt: now,
    });
    const declined = Object.assign(offered(), { status: 'waiting', offerOutcome: 'declined' });
    expect(placedFrom(declined, OFFER, UNIT, now)).toBeNull();
  });

  it('withdraws a live offer with its referral, and leaves an ended one as it was', () => {
    expect(offerOnWithdrawal(offered(), now)).toEqual({ offerOutcome: 'withdrawn', offerDecidedAt: now });
    expect(offerOnWithdrawal(waiting(), now)).toEqual({});
  });
});
