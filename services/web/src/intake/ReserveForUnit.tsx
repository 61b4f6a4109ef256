/**
 * «Reserver» on Ledige plasser (intake): the waiting referrals that fit one unit, in priority order, each
 * with «Tilby plass» for that unit (the same offer as on Inntak).
 */
import { PktButton } from '@oslokommune/punkt-react';
import type { CapacityUnit } from '@plass/contracts/rest';
import { useState } from 'react';
import { ResourceView } from '../components/Resource';
import { Button, Notice } from '../components/shell';
import { formatAgo } from '../format';
import { categoryName, districtLabel, REFERRAL_URGENCY_LABELS } from '../labels';
import { compareWaiting, fitsUnit } from './referrals';
import { ExpiryField, useOffer, type OfferMessage } from './use-offer';
import { useReferrals } from './use-referrals';

export function ReserveForUnit({ unit, onClose }: { unit: CapacityUnit; onClose: () => void }) {
  const waiting = useReferrals({ statuses: ['waiting'] }, compareWaiting);
  const [message, setMessage] = useState<OfferMessage>(null);
  const offering = useOffer(setMessage, waiting.apply);
  const unitText = `${unit.name}, ${unit.institutionName}`;

  return (
    <section className="section" aria-labelledby="reserve-heading" data-testid="reserve-panel">
      <h2 id="reserve-heading">Reserver plass på {unitText}</h2>
      <p className="muted">
        Ventende henvisninger som passer enheten ({categoryName(unit.category)}), i prioritert rekkefølge.
      </p>
      <div aria-live="polite">
        {message && (
          <Notice
            skin={message.ok ? 'success' : 'error'}
            data-testid={message.ok ? 'action-success' : 'action-error'}
          >
            <p>{message.text}</p>
          </Notice>
        )}
      </div>
      <ExpiryField offering={offering} id="reserve-expires" />
      <ResourceView resource={waiting} what="Ventelisten">
        {(list) => {
          const fitting = list.filter((r) => fitsUnit(r, unit));
          return fitting.length === 0 ? (
            <p>Ingen ventende henvisninger passer enheten.</p>
          ) : (
            <ul className="plain-list">
              {fitting.map((r) => (
                <li key={r.id} data-testid={`reserve-${r.id}`}>
                  {r.position ? `${r.position}. ` : ''}
                  {districtLabel(r.districtCode)}, {REFERRAL_URGENCY_LABELS[r.urgency].toLowerCase()}, venter
                  siden {formatAgo(r.createdAt)}{' '}
                  <PktButton
                    size="small"
                    disabled={offering.busyId !== null}
                    onClick={() => void offering.offer(r, unit.id, unitText)}
                  >
                    {offering.busyId === r.id ? 'Tilbyr …' : 'Tilby plass'}
                  </PktButton>
                </li>
              ))}
            </ul>
          );
        }}
      </ResourceView>
      <Button skin="tertiary" size="small" onClick={onClose}>
        Lukk
      </Button>
    </section>
  );
}
