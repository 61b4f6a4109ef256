/**
 * Referrals and the waiting list. Each change locks the referral, bumps its sequence and adds its event to
 * the outbox in one transaction; positions are computed from the waiting referrals when they are read.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import {
  REFERRAL_CREATED,
  REFERRAL_WITHDRAWN,
  type CreateReferralBody,
  type ListReferralsQuery,
  type Referral,
  type WithdrawReferralBody,
} from '@plass/contracts';
import {
  districtName,
  mayReadAllReferrals,
  mayReadReferrals,
  mayRefer,
  type DistrictCode,
} from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import { IdempotencyService } from '@plass/persistence';
import type { EntityManager } from 'typeorm';
import { IntakeException } from '../intake.exception';
import { idempotentWrite, type WriteRequest } from '../write-request';
import { offerOnWithdrawal } from './offer-rules';
import { referralMessage } from './referral-event';
import { withdrawn } from './referral-status';
import { ReferralEntity } from './referral.entity';
import { toReferral } from './referral.mapper';
import { ReferralRepository } from './referral.repository';
import { inPriorityOrder, waitingPositions } from './waiting-list';

@Injectable()
export class ReferralService {
  constructor(
    @Inject(ReferralRepository) private readonly referrals: ReferralRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  /** The list in priority order; district staff who name no district get their own. */
  list(query: ListReferralsQuery, user: AuthUser): Promise<Referral[]> {
    const districtCode =
      query.districtCode || (mayReadAllReferrals(user) ? undefined : (user.districtCode ?? undefined));
    if (districtCode === undefined ? !mayReadAllReferrals(user) : !mayReadReferrals(user, districtCode)) {
      throw notYourDistrict(districtCode);
    }
    // One snapshot for the list and the positions, so a waiting referral always has its position.
    return this.referrals.snapshot(async (manager) => {
      const found = await this.referrals.list(manager, {
        status: query.status || 'waiting',
        districtCode,
        category: query.category || undefined,
      });
      const positions = waitingPositions(await this.referrals.waiting(manager));
      return inPriorityOrder(found).map((referral) => toReferral(referral, positions));
    });
  }

  get(id: string, user: AuthUser): Promise<Referral> {
    return this.referrals.snapshot(async (manager) => {
      const referral = await this.referrals.find(manager, id);
      if (!referral) throw notFound(id);
      if (!mayReadReferrals(user, referral.districtCode)) throw notYourDistrict(referral.districtCode);
      return this.answer(manager, referral);
    });
  }

  /** Puts a referral on the waiting list; its first event (`referral.created`, sequence 1) announces it. */
  create(body: CreateReferralBody, request: WriteRequest): Promise<Referral> {
    return this.idempotency.run(idempotentWrite(request), {
      authorize: () => {
        if (!mayRefer(request.user, body.districtCode)) throw notYourDistrict(body.districtCode);
        return Promise.resolve();
      },
      work: async (manager) => {
        const now = new Date();
        const referral = Object.assign(new ReferralEntity(), {
          id: randomUUID(),
          districtCode: body.districtCode,
          categories: body.categories,
          urgency: body.urgency,
          needs: body.needs ?? [],
          earliestDate: body.earliestDate ?? null,
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
        } satisfies ReferralEntity);
        await this.referrals.insert(manager, referral);
        await enqueueOutbox(manager, [referralMessage(referral, REFERRAL_CREATED)]);
        return this.answer(manager, referral);
      },
    });
  }

  withdraw(id: string, body: WithdrawReferralBody, request: WriteRequest): Promise<Referral> {
    return this.idempotency.run(idempotentWrite(request), {
      // The referral's district decides who may withdraw it: checked before a repeat is answered.
      authorize: async (manager) => {
        const referral = await this.referrals.lock(manager, id);
        if (!referral) throw notFound(id);
        if (!mayRefer(request.user, referral.districtCode)) throw notYourDistrict(referral.districtCode);
        return referral;
      },
      work: async (manager, referral) => {
        const now = new Date();
        // A live offer ends with the withdrawal: the institution releases its place on this event.
        const offer = offerOnWithdrawal(referral, now);
        Object.assign(referral, withdrawn(referral, body.reason, now), offer);
        referral.sequence += 1;
        const saved = await this.referrals.save(manager, referral);
        await enqueueOutbox(manager, [referralMessage(saved, REFERRAL_WITHDRAWN)]);
        return this.answer(manager, saved);
      },
    });
  }

  /** The referral with its position, read in the caller's transaction. */
  async answer(manager: EntityManager, referral: ReferralEntity): Promise<Referral> {
    const positions =
      referral.status === 'waiting' ? waitingPositions(await this.referrals.waiting(manager)) : new Map();
    return toReferral(referral, positions);
  }
}

export function notFound(id: string): IntakeException {
  return new IntakeException('REFERRAL_NOT_FOUND', `no referral has id ${id}`);
}

export function notYourDistrict(districtCode: DistrictCode | undefined): IntakeException {
  if (districtCode === undefined) {
    return new IntakeException('NOT_YOUR_DISTRICT', 'only intake, admin and district staff read referrals');
  }
  return new IntakeException(
    'NOT_YOUR_DISTRICT',
    `only intake and staff of ${districtName(districtCode)} (${districtCode}) may see or change its referrals`,
    { districtCode },
  );
}
