import { loadAlertsConfig } from './alerts.config';

describe(loadAlertsConfig.name, () => {
  it('defaults to a 0.95 threshold, a 24 h stale limit and a one-minute schedule', () => {
    const config = loadAlertsConfig({});
    expect(config.highOccupancyThreshold('acute')).toBe(0.95);
    expect(config.staleLimitMs('coping')).toBe(24 * 3600_000);
    expect(config.scheduleMs).toBe(60_000);
  });

  it('takes per-category thresholds and limits over the defaults', () => {
    const config = loadAlertsConfig({
      ALERT_HIGH_OCCUPANCY_THRESHOLD: '0.97',
      ALERT_HIGH_OCCUPANCY_THRESHOLDS: '{"resource-centre":0.9}',
      ALERT_STALE_LIMITS_MS: '{"acute":3600000}',
      ALERT_SCHEDULE_MS: '250',
    });
    expect(config.highOccupancyThreshold('resource-centre')).toBe(0.9);
    expect(config.highOccupancyThreshold('acute')).toBe(0.97);
    expect(config.defaultHighOccupancyThreshold).toBe(0.97);
    expect(config.staleLimitMs('acute')).toBe(3600_000);
    expect(config.staleLimitMs('coping')).toBe(24 * 3600_000);
    expect(config.scheduleMs).toBe(250);
  });

  it('waits 4 h for an acute and 3 days for an urgent referral and warns 2 h before an offer expires, unless told', () => {
    expect(loadAlertsConfig({})).toMatchObject({
      referralWaitingLimitMs: { acute: 4 * 3600_000, urgent: 3 * 24 * 3600_000 },
      offerExpiringWithinMs: 2 * 3600_000,
    });
    expect(
      loadAlertsConfig({
        ALERT_REFERRAL_WAITING_ACUTE_MS: '1000',
        ALERT_REFERRAL_WAITING_URGENT_MS: '2000',
        ALERT_OFFER_EXPIRING_MS: '3000',
      }),
    ).toMatchObject({ referralWaitingLimitMs: { acute: 1000, urgent: 2000 }, offerExpiringWithinMs: 3000 });
    expect(() => loadAlertsConfig({ ALERT_REFERRAL_WAITING_ACUTE_MS: '-1' })).toThrow(
      /ALERT_REFERRAL_WAITING_ACUTE_MS/,
    );
  });

  it('stops with the variable named when a category is unknown', () => {
    expect(() => loadAlertsConfig({ ALERT_HIGH_OCCUPANCY_THRESHOLDS: '{"spa":0.9}' })).toThrow(
      /ALERT_HIGH_OCCUPANCY_THRESHOLDS/,
    );
  });

  it('refuses a threshold outside (0, 1] and text that is not JSON', () => {
    expect(() => loadAlertsConfig({ ALERT_HIGH_OCCUPANCY_THRESHOLD: '1.5' })).toThrow(
      /ALERT_HIGH_OCCUPANCY_THRESHOLD/,
    );
    expect(() => loadAlertsConfig({ ALERT_STALE_LIMITS_MS: 'acute=5' })).toThrow(/must be a JSON object/);
    expect(() => loadAlertsConfig({ ALERT_SCHEDULE_MS: '0' })).toThrow(/ALERT_SCHEDULE_MS/);
  });
});
