/** Builds the validated outbox message of a purchase event, carrying the purchase's resulting state. */
import {
  createEvent,
  parsePurchaseEvent,
  PURCHASE_SCHEMA,
  TOPICS,
  type Purchase,
  type PurchaseEventType,
} from '@plass/contracts';
import type { OutgoingMessage } from '@plass/messaging';
import type { PurchaseEntity } from './purchase.entity';

const SOURCE = '/intake-service';

export function toPurchase(p: PurchaseEntity): Purchase {
  return {
    id: p.id,
    districtCode: p.districtCode,
    providerName: p.providerName,
    category: p.category,
    from: p.from,
    to: p.to,
    pricePerDay: p.pricePerDay,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    sequence: p.sequence,
  };
}

export function purchaseMessage(purchase: PurchaseEntity, type: PurchaseEventType): OutgoingMessage {
  const event = createEvent({
    source: SOURCE,
    type,
    subject: purchase.id,
    sequence: purchase.sequence,
    dataschema: PURCHASE_SCHEMA,
    time: purchase.updatedAt,
    data: toPurchase(purchase),
  });
  // A payload that does not match the contract never leaves the producer.
  parsePurchaseEvent(event);
  return { topic: TOPICS.intakePurchases, key: purchase.id, value: JSON.stringify(event) };
}
