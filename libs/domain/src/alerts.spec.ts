import {
  acknowledgeTransition,
  ALERT_CODES,
  ALERT_SEVERITY,
  evaluateHighOccupancy,
  evaluateHousingShortage,
  evaluateNoAvailability,
  evaluateOfferExpiring,
  evaluateReferralWaiting,
  evaluateOverCapacity,
  evaluateStaleReport,
  evaluateStayOverNorm,
  highOccupancyResolveBelow,
  isStayOverNorm,
  normedMaxStayDays,
  stayOverNormCutoff,
} from './alerts';

const counts = (capacity: number, occupied: number, blocked = 0, reserved = 0) => ({
  capacity,
  occupied,
  blocked,
  reserved,
});

describe('alert rules', () => {
  it('gives every code a severity', () => {
    expect(ALERT_CODES.map((code) => ALERT_SEVERITY[code])).toEqual([
      'critical',
      'warning',
      'critical',
      'warning',
      'info',
      'warning',
      'warning',
      'warning',
    ]);
  });

  describe('evaluateReferralWaiting and evaluateOfferExpiring', () => {
    it('raise while some referral waits too long or some offer expires soon, and resolve when none does', () => {
      for (const evaluate of [evaluateReferralWaiting, evaluateOfferExpiring]) {
        expect(evaluate(2, false)).toBe('raise');
        expect(evaluate(0, false)).toBe('keep');
        expect(evaluate(1, true)).toBe('keep');
        expect(evaluate(0, true)).toBe('resolve');
      }
    });
  });

  describe('evaluateOverCapacity', () => {
    it('raises when more are occupied than capacity minus blocked', () => {
      expect(evaluateOverCapacity(counts(4, 5), false)).toBe('raise');
      expect(evaluateOverCapacity(counts(4, 4, 1), false)).toBe('raise');
    });

    it('does not raise at exactly full, reserved places notwithstanding', () => {
      expect(evaluateOverCapacity(counts(4, 4), false)).toBe('keep');
      expect(evaluateOverCapacity(counts(4, 3, 1, 2), false)).toBe('keep');
    });

    it('keeps an unresolved alert while still over and resolves it when back within', () => {
      expect(evaluateOverCapacity(counts(4, 6), true)).toBe('keep');
      expect(evaluateOverCapacity(counts(4, 4), true)).toBe('resolve');
    });

    it('resolves when a closed unit contributes nothing', () => {
      expect(evaluateOverCapacity(counts(0, 0), true)).toBe('resolve');
    });
  });

  describe('evaluateHighOccupancy', () => {
    it('raises at exactly the threshold and not just below it', () => {
      expect(evaluateHighOccupancy(95 / 100, 0.95, false)).toBe('raise');
      expect(evaluateHighOccupancy(19 / 20, 0.95, false)).toBe('raise');
      expect(evaluateHighOccupancy(94 / 100, 0.95, false)).toBe('keep');
    });

    it('keeps an unresolved alert inside the hysteresis band, down to and including threshold − 0.05', () => {
      expect(evaluateHighOccupancy(0.94, 0.95, true)).toBe('keep');
      expect(evaluateHighOccupancy(0.92, 0.95, true)).toBe('keep');
      expect(evaluateHighOccupancy(90 / 100, 0.95, true)).toBe('keep');
    });

    it('resolves below threshold − 0.05', () => {
      expect(evaluateHighOccupancy(89 / 100, 0.95, true)).toBe('resolve');
    });

    it('does not raise again inside the band once resolved', () => {
      expect(evaluateHighOccupancy(0.92, 0.95, false)).toBe('keep');
    });

    it('treats the band edges exactly despite floating point (0.9 − 0.05 ≠ 0.85 in binary)', () => {
      expect(highOccupancyResolveBelow(0.9)).toBeCloseTo(0.85);
      expect(evaluateHighOccupancy(85 / 100, 0.9, true)).toBe('keep');
      expect(evaluateHighOccupancy(84 / 100, 0.9, true)).toBe('resolve');
      expect(evaluateHighOccupancy(9 / 10, 0.9, false)).toBe('raise');
    });

    it('resolves and never raises when no place is usable', () => {
      expect(evaluateHighOccupancy(null, 0.95, true)).toBe('resolve');
      expect(evaluateHighOccupancy(null, 0.95, false)).toBe('keep');
    });

    it('raises above 1 (overcapacity counts as high occupancy too)', () => {
      expect(evaluateHighOccupancy(1.2, 0.95, false)).toBe('raise');
    });
  });

  describe('evaluateNoAvailability', () => {
    it('raises when no place is available, counting reserved and blocked places as taken', () => {
      expect(evaluateNoAvailability(counts(4, 4), false)).toBe('raise');
      expect(evaluateNoAvailability(counts(4, 2, 1, 1), false)).toBe('raise');
    });

    it('raises when over capacity (negative availability)', () => {
      expect(evaluateNoAvailability(counts(4, 5), false)).toBe('raise');
    });

    it('does not raise while a place is available', () => {
      expect(evaluateNoAvailability(counts(4, 3), false)).toBe('keep');
    });

    it('resolves as soon as one place is available and keeps while none is', () => {
      expect(evaluateNoAvailability(counts(4, 3), true)).toBe('resolve');
      expect(evaluateNoAvailability(counts(4, 4), true)).toBe('keep');
    });

    it('does not treat a category with no places at all as full', () => {
      expect(evaluateNoAvailability(counts(0, 0), false)).toBe('keep');
      expect(evaluateNoAvailability(counts(0, 0), true)).toBe('resolve');
    });
  });

  describe('evaluateStaleReport', () => {
    const now = new Date('2026-11-23T12:00:00.000Z');
    const limit = 3600_000;

    it('raises when the last report is older than the limit', () => {
      expect(evaluateStaleReport(new Date(now.getTime() - limit - 1), now, limit, false)).toBe('raise');
    });

    it('does not raise at exactly the limit', () => {
      expect(evaluateStaleReport(new Date(now.getTime() - limit), now, limit, false)).toBe('keep');
    });

    it('keeps while stale and resolves once the unit has reported', () => {
      expect(evaluateStaleReport(new Date(now.getTime() - 2 * limit), now, limit, true)).toBe('keep');
      expect(evaluateStaleReport(now, now, limit, true)).toBe('resolve');
    });
  });

  describe('stays over the normed maximum', () => {
    const now = new Date('2026-11-23T12:00:00.000Z');

    it('uses the category norm: 3 days acute, 90 days assessment', () => {
      expect(normedMaxStayDays('acute')).toBe(3);
      expect(normedMaxStayDays('assessment-active')).toBe(90);
      expect(stayOverNormCutoff('acute', now).toISOString()).toBe('2026-11-20T12:00:00.000Z');
    });

    it('counts a stay as over the norm only when admitted before the cutoff', () => {
      expect(isStayOverNorm(new Date('2026-11-20T11:59:59.000Z'), 'acute', now)).toBe(true);
      expect(isStayOverNorm(new Date('2026-11-20T12:00:00.000Z'), 'acute', now)).toBe(false);
    });

    it('raises with one stay over the norm, keeps with more and resolves at none', () => {
      expect(evaluateStayOverNorm(1, false)).toBe('raise');
      expect(evaluateStayOverNorm(0, false)).toBe('keep');
      expect(evaluateStayOverNorm(3, true)).toBe('keep');
      expect(evaluateStayOverNorm(0, true)).toBe('resolve');
    });
  });

  describe('evaluateHousingShortage', () => {
    it('raises when the registered need exceeds the vacant units', () => {
      expect(evaluateHousingShortage({ need: 3, vacant: 2 }, false)).toBe('raise');
    });

    it('does not raise when need equals vacant', () => {
      expect(evaluateHousingShortage({ need: 2, vacant: 2 }, false)).toBe('keep');
      expect(evaluateHousingShortage({ need: 0, vacant: 0 }, false)).toBe('keep');
    });

    it('keeps while short and resolves when need ≤ vacant', () => {
      expect(evaluateHousingShortage({ need: 5, vacant: 1 }, true)).toBe('keep');
      expect(evaluateHousingShortage({ need: 2, vacant: 2 }, true)).toBe('resolve');
    });
  });

  describe('acknowledgeTransition', () => {
    it('acknowledges an open alert, leaves an acknowledged one as it is and refuses a resolved one', () => {
      expect(acknowledgeTransition('open')).toBe('acknowledge');
      expect(acknowledgeTransition('acknowledged')).toBe('unchanged');
      expect(acknowledgeTransition('resolved')).toBe('refuse');
    });
  });
});
