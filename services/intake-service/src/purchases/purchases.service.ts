/**
 * Purchased places (enkeltkjøp, ADR 0225): each change bumps the purchase's sequence and adds its event to
 * the outbox in the same transaction; district staff record, see and end only their own district's.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@plass/auth';
import {
  PURCHASE_ENDED,
  PURCHASE_RECORDED,
  type EndPurchaseBody,
  type ListPurchasesQuery,
  type Purchase,
  type RecordPurchaseBody,
} from '@plass/contracts';
import { districtName, type DistrictCode } from '@plass/domain';
import { enqueueOutbox } from '@plass/messaging';
import { IdempotencyService } from '@plass/persistence';
import { IntakeException } from '../intake.exception';
import { idempotentWrite, type WriteRequest } from '../write-request';
import { purchaseMessage, toPurchase } from './purchase-event';
import { endProblem, mayManagePurchases, mayReadAllPurchases } from './purchase-rules';
import { PurchaseEntity } from './purchase.entity';
import { PurchaseRepository } from './purchase.repository';

@Injectable()
export class PurchasesService {
  constructor(
    @Inject(PurchaseRepository) private readonly purchases: PurchaseRepository,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
  ) {}

  /** Newest first; district staff who name no district get their own. */
  async list(query: ListPurchasesQuery, user: AuthUser): Promise<Purchase[]> {
    const districtCode =
      query.districtCode || (mayReadAllPurchases(user) ? undefined : (user.districtCode ?? undefined));
    if (districtCode === undefined ? !mayReadAllPurchases(user) : !mayManagePurchases(user, districtCode)) {
      throw notYourDistrict(districtCode);
    }
    const found = await this.purchases.list({ districtCode, category: query.category || undefined });
    return found.map(toPurchase);
  }

  /** Records a purchase; its first event (`purchase.recorded`, sequence 1) announces it. */
  record(body: RecordPurchaseBody, request: WriteRequest): Promise<Purchase> {
    return this.idempotency.run(idempotentWrite(request), {
      authorize: () => {
        if (!mayManagePurchases(request.user, body.districtCode)) throw notYourDistrict(body.districtCode);
        return Promise.resolve();
      },
      work: async (manager) => {
        const now = new Date();
        const purchase = Object.assign(new PurchaseEntity(), {
          id: randomUUID(),
          districtCode: body.districtCode,
          providerName: body.providerName.trim(),
          category: body.category,
          from: body.from,
          to: body.to ?? null,
          pricePerDay: body.pricePerDay,
          sequence: 1,
          createdAt: now,
          updatedAt: now,
        } satisfies PurchaseEntity);
        await this.purchases.insert(manager, purchase);
        await enqueueOutbox(manager, [purchaseMessage(purchase, PURCHASE_RECORDED)]);
        return toPurchase(purchase);
      },
    });
  }

  /** Sets the last day of an open purchase: once, and not before its first day. */
  end(id: string, body: EndPurchaseBody, request: WriteRequest): Promise<Purchase> {
    return this.idempotency.run(idempotentWrite(request), {
      // The purchase's district decides who may end it: checked before a repeat is answered.
      authorize: async (manager) => {
        const purchase = await this.purchases.lock(manager, id);
        if (!purchase) throw new IntakeException('PURCHASE_NOT_FOUND', `no purchase has id ${id}`);
        if (!mayManagePurchases(request.user, purchase.districtCode)) {
          throw notYourDistrict(purchase.districtCode);
        }
        return purchase;
      },
      work: async (manager, purchase) => {
        const problem = endProblem(purchase, body.to);
        switch (problem) {
          case 'already-ended':
            throw new IntakeException(
              'PURCHASE_ALREADY_ENDED',
              `purchase ${id} already ended on ${purchase.to}; a purchase ends once`,
              { to: purchase.to },
            );
          case 'before-from':
            throw new IntakeException(
              'INVALID_PURCHASE_END',
              `to (${body.to}) must not be before the purchase's first day (${purchase.from})`,
              { from: purchase.from },
            );
          case undefined:
            break;
        }
        purchase.to = body.to;
        purchase.sequence += 1;
        purchase.updatedAt = new Date();
        const saved = await this.purchases.save(manager, purchase);
        await enqueueOutbox(manager, [purchaseMessage(saved, PURCHASE_ENDED)]);
        return toPurchase(saved);
      },
    });
  }
}

function notYourDistrict(districtCode: DistrictCode | undefined): IntakeException {
  if (districtCode === undefined) {
    return new IntakeException('NOT_YOUR_DISTRICT', 'only intake, admin and district staff read purchases');
  }
  return new IntakeException(
    'NOT_YOUR_DISTRICT',
    `only intake, admin and staff of ${districtName(districtCode)} (${districtCode}) may see or change its purchases`,
    { districtCode },
  );
}
