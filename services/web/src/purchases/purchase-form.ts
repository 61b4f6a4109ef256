/** The «Ny kjøpt plass» form's rules before anything is sent: what is missing, in plain Norwegian (ADR 0227). */
import { RecordPurchaseBody } from '@plass/contracts/rest';
import type { DistrictCode, ServiceCategoryCode } from '@plass/domain';

export interface PurchaseForm {
  districtCode: DistrictCode | '';
  providerName: string;
  category: ServiceCategoryCode | '';
  from: string;
  to: string;
  /** As typed: whole kroner. */
  pricePerDay: string;
}

export function purchaseBody(
  form: PurchaseForm,
): { ok: true; body: RecordPurchaseBody } | { ok: false; error: string } {
  if (form.districtCode === '') return { ok: false, error: 'Velg bydel.' };
  // The contract's own rule for a name (no control characters, no national identity number).
  const name = RecordPurchaseBody.shape.providerName.safeParse(form.providerName);
  if (!name.success || form.providerName.trim() === '') {
    return {
      ok: false,
      error: 'Skriv leverandørens navn (organisasjonen, aldri navn eller fødselsnummer på en person).',
    };
  }
  if (form.category === '') return { ok: false, error: 'Velg tjenestekategori.' };
  if (form.from === '') return { ok: false, error: 'Skriv første dag.' };
  if (form.to !== '' && form.to < form.from)
    return { ok: false, error: 'Siste dag kan ikke være før første dag.' };
  const price = Number(form.pricePerDay.replace(/\s/g, ''));
  if (!/^\s*\d[\d\s]*$/.test(form.pricePerDay) || !Number.isInteger(price) || price <= 0) {
    return { ok: false, error: 'Døgnprisen må være hele kroner over 0.' };
  }
  return {
    ok: true,
    body: {
      districtCode: form.districtCode,
      providerName: form.providerName.trim(),
      category: form.category,
      from: form.from,
      ...(form.to ? { to: form.to } : {}),
      pricePerDay: price,
    },
  };
}
