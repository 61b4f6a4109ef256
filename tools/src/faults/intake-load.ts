/**
 * The intake flow under the faults (issue 14): beside the steady load, referrals are made and offered a free
 * place, and each offer is then accepted and admitted from its reservation, declined, withdrawn, or left to
 * expire — so offers are in every stage of the exchange between the intake and institution services when a
 * fault hits. When the load stops, every referral it made that is not placed is withdrawn, so that after
 * quiet no offer should be live and no place should stay reserved for one (`checkOffers`).
 */
import {
  admitResident,
  answerOffer,
  ContractProblem,
  createReferral,
  getReferralMatches,
  makeOffer,
  withdrawReferral,
  type ContractClient,
  type Referral,
} from '@plass/contracts';
import { DISTRICT_CODES, type DistrictCode, type ServiceCategoryCode } from '@plass/domain';
import type { World } from './load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** How long an offer of the load holds its place: short, so that some expire during a fault's run. */
export const OFFER_LIFETIME_MS = 8000;

export interface IntakeRecords {
  /** Referrals the API acknowledged (201). */
  referrals: Set<string>;
  /** Offers the API acknowledged (201), by offer id → referral id. */
  offers: Map<string, string>;
  /** Writes that got no answer or a 5xx: they may or may not have been applied. */
  uncertain: number;
  /** Writes refused with a 4xx (a place taken meanwhile, an offer not reserved yet): expected under load. */
  refused: number;
}

export class IntakeLoad {
  readonly records: IntakeRecords = { referrals: new Set(), offers: new Map(), uncertain: 0, refused: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  /** Referrals of this load that may still need withdrawing (not placed, not withdrawn). */
  private readonly open = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly world: World,
    /** Intake: refers for any district, offers, answers and withdraws. */
    private readonly intake: () => ContractClient,
    /** Institution staff of every unit of the world: admits from a reservation. */
    private readonly staff: () => ContractClient,
  ) {}

  /** Starts one referral's life about every `everyMs`. */
  start(everyMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.inFlight.size >= 4) return;
      const life = this.life().catch(() => undefined);
      this.inFlight.add(life);
      void life.finally(() => this.inFlight.delete(life));
    }, everyMs);
  }

  /** Stops starting lives, lets those under way finish, then withdraws every referral not placed. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    for (const id of [...this.open]) {
      const withdrawn = await this.write(() =>
        this.intake().call(withdrawReferral, { params: { id }, body: { reason: 'no-longer-needed' } }),
      );
      // Placed or withdrawn already (409 REFERRAL_CLOSED) needs nothing more either.
      if (withdrawn !== 'uncertain') this.open.delete(id);
    }
  }

  /** One referral: made, offered the best free place, then one of the four endings. */
  private async life(): Promise<void> {
    const unit = pick(this.world.units);
    const districtCode = pick(DISTRICT_CODES.filter((d) => d !== 'utenbys')) as DistrictCode;
    const referral = await this.write(() =>
      this.intake().call(createReferral, {
        body: { districtCode, categories: [unit.category as ServiceCategoryCode], urgency: 'acute' },
      }),
    );
    if (typeof referral === 'string') return;
    this.records.referrals.add(referral.id);
    this.open.add(referral.id);
    const matches = await this.write(() =>
      this.intake().call(getReferralMatches, { params: { id: referral.id } }),
    );
    if (typeof matches === 'string' || matches.now.length === 0) return;
    const offered = await this.write(() =>
      this.intake().call(makeOffer, {
        params: { id: referral.id },
        body: {
          unitId: matches.now[0].unitId,
          expiresAt: new Date(Date.now() + OFFER_LIFETIME_MS).toISOString(),
        },
      }),
    );
    if (typeof offered === 'string' || !offered.offer) return;
    const offer = offered.offer;
    this.records.offers.set(offer.offerId, referral.id);
    await sleep(300 + Math.random() * 1500);
    const ending = Math.random();
    if (ending < 0.4) {
      const accepted = await this.write(() =>
        this.intake().call(answerOffer, {
          params: { id: referral.id, offerId: offer.offerId },
          body: { accept: true },
        }),
      );
      if (typeof accepted === 'string') return;
      // Admit once the institution has reserved the place (the reservation's id is the offer's).
      const admitted = await this.write(() =>
        this.staff().call(admitResident, {
          params: { unitId: offer.unitId },
          body: { referringDistrictCode: districtCode, reservationId: offer.offerId },
        }),
      );
      if (typeof admitted !== 'string') this.open.delete(referral.id);
    } else if (ending < 0.6) {
      await this.write(() =>
        this.intake().call(answerOffer, {
          params: { id: referral.id, offerId: offer.offerId },
          body: { accept: false, reason: 'unsuitable' },
        }),
      );
    } else if (ending < 0.8) {
      const withdrawn = await this.write(() =>
        this.intake().call(withdrawReferral, { params: { id: referral.id }, body: { reason: 'other' } }),
      );
      if (withdrawn !== 'uncertain') this.open.delete(referral.id);
    }
    // Otherwise the offer is left to expire (intake's expiry task ends it after OFFER_LIFETIME_MS).
  }

  /** The answer, or what became of a write that got none: `refused` (4xx) or `uncertain`. */
  private async write<T>(send: () => Promise<T>): Promise<T | 'refused' | 'uncertain'> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ContractProblem && error.status < 500) {
        this.records.refused++;
        return 'refused';
      }
      this.records.uncertain++;
      return 'uncertain';
    }
  }
}

/** A referral of the intake database, as far as the offer invariant reads it. */
export interface OfferRow {
  id: string;
  status: Referral['status'];
  offer_id: string | null;
  offer_outcome: string | null;
  offer_reservation_id: string | null;
  stay_id: string | null;
}

/** A reservation of the institution database. */
export interface ReservationRow {
  id: string;
  ended_at: Date | null;
  end_reason: string | null;
  stay_id: string | null;
}

/**
 * The offer invariant once everything is quiet: a live offer has its reservation, active, under its id; an
 * offer that ended has none active (placed: the reservation became the stay); every referral and offer
 * the API acknowledged exists. Returns what breaks it.
 */
export function offerViolations(
  records: Pick<IntakeRecords, 'referrals' | 'offers'>,
  referrals: OfferRow[],
  reservations: ReservationRow[],
): string[] {
  const violations: string[] = [];
  const byId = new Map(referrals.map((r) => [r.id, r]));
  const reservationOf = new Map(reservations.map((r) => [r.id, r]));
  for (const id of records.referrals) {
    if (!byId.has(id))
      violations.push(`referral ${id} was acknowledged (201) but is not in intake's database`);
  }
  for (const [offerId, referralId] of records.offers) {
    if (byId.get(referralId)?.offer_id !== offerId) {
      violations.push(`offer ${offerId} was acknowledged (201) but referral ${referralId} does not hold it`);
    }
  }
  for (const r of referrals) {
    if (r.offer_id === null) continue;
    const reservation = reservationOf.get(r.offer_id);
    const live = r.status === 'offered';
    if (live && (!reservation || reservation.ended_at !== null || r.offer_reservation_id !== r.offer_id)) {
      violations.push(
        `offer ${r.offer_id} is live (${r.offer_outcome}) but its place is ${
          !reservation
            ? 'not reserved'
            : reservation.ended_at
              ? `released (${reservation.end_reason})`
              : 'reserved unknown to intake'
        }`,
      );
    }
    if (!live && reservation && reservation.ended_at === null) {
      violations.push(
        `offer ${r.offer_id} ended (${r.offer_outcome}, referral ${r.status}) but its place is still reserved`,
      );
    }
    if (r.status === 'placed' && (!reservation || reservation.stay_id !== r.stay_id)) {
      violations.push(
        `referral ${r.id} is placed in stay ${r.stay_id} but offer ${r.offer_id}'s reservation did not become it`,
      );
    }
  }
  return violations;
}
