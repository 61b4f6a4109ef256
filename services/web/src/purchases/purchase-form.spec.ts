import { describe, expect, it } from '@jest/globals';
import { purchaseBody, type PurchaseForm } from './purchase-form';

const form = (over: Partial<PurchaseForm> = {}): PurchaseForm => ({
  districtCode: '030103',
  providerName: 'Privat Omsorg AS',
  category: 'coping',
  from: '2026-11-01',
  to: '',
  pricePerDay: '4 200',
  ...over,
});

describe(purchaseBody.name, () => {
  it('makes the body of a purchase, whole kroner with spaces allowed, no last day when left empty', () => {
    expect(purchaseBody(form())).toEqual({
      ok: true,
      body: {
        districtCode: '030103',
        providerName: 'Privat Omsorg AS',
        category: 'coping',
        from: '2026-11-01',
        pricePerDay: 4200,
      },
    });
  });

  it.each([
    ['no district', { districtCode: '' as const }, /bydel/],
    ['a personal number as provider', { providerName: 'Ola 010190 12345' }, /leverandørens navn/],
    ['no category', { category: '' as const }, /tjenestekategori/],
    ['a last day before the first', { to: '2026-10-31' }, /Siste dag/],
    ['øre', { pricePerDay: '4200,50' }, /hele kroner/],
    ['0 kroner', { pricePerDay: '0' }, /hele kroner/],
  ])('refuses %s with a Norwegian reason', (_case, change, message) => {
    const result = purchaseBody(form(change));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(message);
  });
});
