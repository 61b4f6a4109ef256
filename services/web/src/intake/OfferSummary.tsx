/** A referral's latest offer in words: where, until when, and what became of it (placed: admitted there). */
import type { ReferralOffer } from '@plass/contracts';
import { formatDateTime } from '../format';
import { OFFER_DECLINE_REASON_LABELS, OFFER_OUTCOME_LABELS } from '../labels';
import { unitLabel, type UnitName } from './use-unit-names';

export function OfferSummary({
  offer,
  names,
  testId,
  placed = false,
}: {
  offer: ReferralOffer;
  names: Map<string, UnitName>;
  testId?: string;
  /** The referral was placed from this offer: its outcome stays `accepted`, but nobody waits any more. */
  placed?: boolean;
}) {
  const live = !placed && (offer.outcome === 'open' || offer.outcome === 'accepted');
  return (
    <span data-testid={testId}>
      {unitLabel(names, offer.unitId)}
      {live ? (
        <>
          {' '}
          · frist <time dateTime={offer.expiresAt}>{formatDateTime(offer.expiresAt)}</time>
        </>
      ) : null}{' '}
      ·{' '}
      <span data-testid={testId && `${testId}-outcome`}>
        {placed ? 'Innskrevet' : OFFER_OUTCOME_LABELS[offer.outcome]}
      </span>
      {offer.declineReason ? ` (${OFFER_DECLINE_REASON_LABELS[offer.declineReason].toLowerCase()})` : ''}
    </span>
  );
}
