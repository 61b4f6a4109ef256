/**
 * REFERRAL_WAITING and OFFER_EXPIRING per referring district (ADR 0169), measured from `referral_state`:
 * the scheduler evaluates every district (time passing raises them), the referral projection the districts
 * of its batch (an offer, a placement or a withdrawal resolves them at once). Both take one advisory lock
 * for this, so one never counts what the other is changing and decides after it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DISTRICT_CODES, type DistrictCode } from '@plass/domain';
import type { EntityManager } from 'typeorm';
import { districtOfferExpiring, districtReferralWaiting, type DistrictReferrals } from './alert-evaluation';
import { AlertEngine, type AlertChange } from './alert-engine.service';
import { ALERTS_CONFIG, type AlertsConfig } from './alerts.config';

const LOCK = 'capacity-service.referral-alerts';

interface DistrictReferralsRow {
  district_code: DistrictCode;
  acute_over: number;
  urgent_over: number;
  oldest_waiting_since: Date | null;
  offers_expiring: number;
  first_expires_at: Date | null;
}

const NONE: DistrictReferrals = {
  acuteOverLimit: 0,
  urgentOverLimit: 0,
  oldestWaitingSince: null,
  offersExpiring: 0,
  firstExpiresAt: null,
};

@Injectable()
export class ReferralAlerts {
  constructor(
    @Inject(AlertEngine) private readonly engine: AlertEngine,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  /** Raises and resolves the referral alerts of the districts (all when not given) as of `now`. */
  async evaluate(
    manager: EntityManager,
    now: Date,
    districts: readonly string[] = DISTRICT_CODES,
  ): Promise<AlertChange[]> {
    const codes = DISTRICT_CODES.filter((d) => districts.includes(d));
    if (codes.length === 0) return [];
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK]);
    const measured = await this.measure(manager, now, codes);
    return await this.engine.apply(
      manager,
      codes.flatMap((code) => {
        const referrals = measured.get(code) ?? NONE;
        return [
          districtReferralWaiting(code, referrals, this.config.referralWaitingLimitMs),
          districtOfferExpiring(code, referrals, this.config.offerExpiringWithinMs),
        ];
      }),
      now,
    );
  }

  private async measure(
    manager: EntityManager,
    now: Date,
    districts: DistrictCode[],
  ): Promise<Map<DistrictCode, DistrictReferrals>> {
    const limits = this.config.referralWaitingLimitMs;
    const overLimit = `status = 'waiting' AND ((urgency = 'acute' AND created_at < $2) OR (urgency = 'urgent' AND created_at < $3))`;
    const expiring = `offer_outcome = 'open' AND offer_expires_at <= $4`;
    const rows = await manager.query<DistrictReferralsRow[]>(
      `SELECT district_code,
              count(*) FILTER (WHERE ${overLimit} AND urgency = 'acute')::int AS acute_over,
              count(*) FILTER (WHERE ${overLimit} AND urgency = 'urgent')::int AS urgent_over,
              min(created_at) FILTER (WHERE ${overLimit}) AS oldest_waiting_since,
              count(*) FILTER (WHERE ${expiring})::int AS offers_expiring,
              min(offer_expires_at) FILTER (WHERE ${expiring}) AS first_expires_at
         FROM referral_state
        WHERE status IN ('waiting', 'offered') AND district_code = ANY($1::text[])
        GROUP BY district_code`,
      [
        districts,
        new Date(now.getTime() - limits.acute),
        new Date(now.getTime() - limits.urgent),
        new Date(now.getTime() + this.config.offerExpiringWithinMs),
      ],
    );
    return new Map(
      rows.map((r) => [
        r.district_code,
        {
          acuteOverLimit: r.acute_over,
          urgentOverLimit: r.urgent_over,
          oldestWaitingSince: r.oldest_waiting_since?.toISOString() ?? null,
          offersExpiring: r.offers_expiring,
          firstExpiresAt: r.first_expires_at?.toISOString() ?? null,
        },
      ]),
    );
  }
}
