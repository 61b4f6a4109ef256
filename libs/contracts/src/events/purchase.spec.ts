import { randomUUID } from 'node:crypto';
import { createEvent } from '../envelope';
import { RecordPurchaseBody } from '../rest/purchases';
import {
  parsePurchaseEvent,
  PURCHASE_ENDED,
  PURCHASE_RECORDED,
  PURCHASE_SCHEMA,
  type PurchaseState,
} from './purchase';

const state = (over: Partial<PurchaseState> = {}): PurchaseState => ({
  id: randomUUID(),
  districtCode: '030103',
  providerName: 'Privat Omsorg AS',
  category: 'coping',
  from: '2026-11-01',
  to: null,
  pricePerDay: 3900,
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  sequence: 1,
  ...over,
});

const event = (type: string, data: PurchaseState) =>
  createEvent({
    source: '/intake-service',
    type,
    subject: data.id,
    sequence: data.sequence,
    dataschema: PURCHASE_SCHEMA,
    time: new Date(data.updatedAt),
    data,
  });

describe('purchase events', () => {
  it('parses a recorded and an ended purchase', () => {
    const recorded = state();
    expect(parsePurchaseEvent(event(PURCHASE_RECORDED, recorded)).data).toEqual(recorded);
    const ended = { ...recorded, to: '2026-11-30', sequence: 2 };
    expect(parsePurchaseEvent(event(PURCHASE_ENDED, ended)).data.to).toBe('2026-11-30');
  });

  it('refuses an ended purchase without a last day, and a recorded one after sequence 1', () => {
    expect(() => parsePurchaseEvent(event(PURCHASE_ENDED, state({ sequence: 2 })))).toThrow(/last day/);
    expect(() => parsePurchaseEvent(event(PURCHASE_RECORDED, state({ sequence: 2 })))).toThrow(/sequence 1/);
  });

  it('refuses a last day before the first and an unknown type', () => {
    expect(() => parsePurchaseEvent(event(PURCHASE_RECORDED, state({ to: '2026-10-31' })))).toThrow(
      /must not be before/,
    );
    expect(() => parsePurchaseEvent({ ...event(PURCHASE_RECORDED, state()), type: 'x' })).toThrow(
      /type must be/,
    );
  });
});

describe('RecordPurchaseBody', () => {
  const body = {
    districtCode: '030103',
    providerName: 'Privat Omsorg AS',
    category: 'acute',
    from: '2026-11-01',
  };

  it('takes whole kroner above 0 and refuses øre, 0 and a personal number in the name', () => {
    expect(RecordPurchaseBody.safeParse({ ...body, pricePerDay: 4200 }).success).toBe(true);
    expect(RecordPurchaseBody.safeParse({ ...body, pricePerDay: 4200.5 }).success).toBe(false);
    expect(RecordPurchaseBody.safeParse({ ...body, pricePerDay: 0 }).success).toBe(false);
    expect(
      RecordPurchaseBody.safeParse({ ...body, pricePerDay: 1, providerName: 'Ola 010190 12345' }).success,
    ).toBe(false);
  });
});
