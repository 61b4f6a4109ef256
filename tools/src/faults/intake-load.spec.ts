import { offerViolations, type OfferRow, type ReservationRow } from './intake-load';

const R1 = '00000000-0000-4000-8000-000000000001';
const O1 = '00000000-0000-4000-8000-0000000000a1';
const S1 = '00000000-0000-4000-8000-0000000000b1';

const referral = (overrides: Partial<OfferRow> = {}): OfferRow => ({
  id: R1,
  status: 'offered',
  offer_id: O1,
  offer_outcome: 'open',
  offer_reservation_id: O1,
  stay_id: null,
  ...overrides,
});
const reservation = (overrides: Partial<ReservationRow> = {}): ReservationRow => ({
  id: O1,
  ended_at: null,
  end_reason: null,
  stay_id: null,
  ...overrides,
});
const acked = { referrals: new Set([R1]), offers: new Map([[O1, R1]]) };
const released = { ended_at: new Date(), end_reason: 'released' };

describe(offerViolations.name, () => {
  it.each<[string, OfferRow, ReservationRow[]]>([
    ['a live offer with its reservation', referral(), [reservation()]],
    [
      'a declined offer whose place was released',
      referral({ status: 'waiting', offer_outcome: 'declined' }),
      [reservation(released)],
    ],
    [
      'a refused offer that never had a reservation',
      referral({ status: 'waiting', offer_outcome: 'refused', offer_reservation_id: null }),
      [],
    ],
    [
      'a placed referral whose reservation became its stay',
      referral({ status: 'placed', offer_outcome: 'accepted', stay_id: S1 }),
      [reservation({ ended_at: new Date(), end_reason: 'admitted', stay_id: S1 })],
    ],
  ])('accepts %s', (_case, row, reservations) => {
    expect(offerViolations(acked, [row], reservations)).toEqual([]);
  });

  it.each<[string, OfferRow, ReservationRow[], RegExp]>([
    [
      'a live offer without a reservation',
      referral({ offer_reservation_id: null }),
      [],
      /live .* not reserved/,
    ],
    ['a live offer whose place was released', referral(), [reservation(released)], /live .* released/],
    [
      'an ended offer whose place is still reserved',
      referral({ status: 'waiting', offer_outcome: 'expired' }),
      [reservation()],
      /still reserved/,
    ],
    [
      'a placed referral whose reservation is another stay',
      referral({ status: 'placed', offer_outcome: 'accepted', stay_id: S1 }),
      [reservation(released)],
      /did not become it/,
    ],
  ])('finds %s', (_case, row, reservations, message) => {
    expect(offerViolations(acked, [row], reservations).join('\n')).toMatch(message);
  });

  it('finds an acknowledged referral or offer that is not there', () => {
    const violations = offerViolations(
      acked,
      [referral({ offer_id: null, status: 'waiting', offer_outcome: null })],
      [],
    );
    expect(violations.join('\n')).toMatch(/offer .* acknowledged .* does not hold it/);
    expect(offerViolations(acked, [], []).join('\n')).toMatch(
      /referral .* acknowledged .* not in intake's database/,
    );
  });
});
