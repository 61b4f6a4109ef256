/** «Tilby plass»: intake offers a waiting referral a place in a unit until a deadline (48 hours unless changed). */
import { PktTextinput } from '@oslokommune/punkt-react';
import { makeOffer, type Referral } from '@plass/contracts/rest';
import { useState } from 'react';
import { norwegianMessage } from '../api/problems';
import { useApi } from '../auth/session';
import { formatDateTime } from '../format';
import { districtLabel } from '../labels';
import { DEFAULT_OFFER_HOURS, expiryInstant, localDateTimeAfter } from './referrals';

export type OfferMessage = { ok: boolean; text: string } | null;

export interface Offering {
  expires: string;
  setExpires(value: string): void;
  /** The referral id an offer is being made for, while it is. */
  busyId: string | null;
  offer(referral: Referral, unitId: string, unitText: string): Promise<void>;
}

/** `onChanged` gets the referral as the offer left it (already `offered`, before the push arrives). */
export function useOffer(
  onMessage: (message: OfferMessage) => void,
  onChanged: (referral: Referral) => void = () => undefined,
): Offering {
  const api = useApi();
  const [expires, setExpires] = useState(() => localDateTimeAfter(new Date()));
  const [busyId, setBusyId] = useState<string | null>(null);

  async function offer(referral: Referral, unitId: string, unitText: string) {
    const expiresAt = expiryInstant(expires);
    if (!expiresAt) return onMessage({ ok: false, text: 'Velg dato og klokkeslett for fristen.' });
    setBusyId(referral.id);
    onMessage(null);
    try {
      onChanged(await api.call(makeOffer, { params: { id: referral.id }, body: { unitId, expiresAt } }));
      onMessage({
        ok: true,
        text: `${districtLabel(referral.districtCode)} har fått tilbud om plass på ${unitText}, med frist ${formatDateTime(expiresAt)}.`,
      });
    } catch (error) {
      onMessage({ ok: false, text: norwegianMessage(error, 'Tilbudet') });
    } finally {
      setBusyId(null);
    }
  }

  return { expires, setExpires, busyId, offer };
}

export function ExpiryField({ offering, id }: { offering: Offering; id: string }) {
  return (
    <PktTextinput
      id={id}
      label="Frist for svar og innskrivning"
      helptext={`Plassen holdes for bydelen til fristen (forslag: ${DEFAULT_OFFER_HOURS} timer).`}
      type="datetime-local"
      value={offering.expires}
      onChange={(event) => offering.setExpires(event.target.value)}
    />
  );
}
