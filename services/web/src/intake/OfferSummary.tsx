/** A referral's latest offer in words: where, until when, and what became of it. */
import type { ReferralOffer } from '@plass/contracts';
import { formatDateTime } from '../format';
import { OFFER_DECLINE_REASON_LABELS, OFFER_OUTCOME_LABELS } from '../labels';
import { unitLabel, type UnitName } from './use-unit-names';

export function OfferSummary({
  offer,
  names,
  testId,
}: {
  offer: ReferralOffer;
  names: Map<string, UnitName>;
  testId?: string;
}) {
  return (
    <span data-testid={testId}>
      {unitLabel(names, offer.unitId)}
      {offer.outcome === 'open' || offer.outcome === 'accepted' ? (
        <>
          {' '}
          · frist <time dateTime={offer.expiresAt}>{formatDateTime(offer.expiresAt)}</time>
        </>
      ) : null}{' '}
      · <span data-testid={testId && `${testId}-outcome`}>{OFFER_OUTCOME_LABELS[offer.outcome]}</span>
      {offer.declineReason ? ` (${OFFER_DECLINE_REASON_LABELS[offer.declineReason].toLowerCase()})` : ''}
    </span>
  );
}
