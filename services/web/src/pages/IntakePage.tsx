/**
 * Inntak (felles inntak): the waiting list in priority order, live; pick a referral, see the units that fit
 * it now and soon, and offer it a place. The offers out and what became of them follow live.
 */
import { PktButton } from '@oslokommune/punkt-react';
import { getReferralMatches, type Referral, type ReferralMatch } from '@plass/contracts/rest';
import { useState } from 'react';
import { useResource } from '../api/use-resource';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { Notice } from '../components/shell';
import { UnitFeatures } from '../components/UnitFeatures';
import { formatAgo, formatCount, formatDate } from '../format';
import { OfferSummary } from '../intake/OfferSummary';
import { compareWaiting } from '../intake/referrals';
import { ExpiryField, useOffer, type OfferMessage, type Offering } from '../intake/use-offer';
import { useReferrals } from '../intake/use-referrals';
import { useUnitNames } from '../intake/use-unit-names';
import { categoryName, districtLabel, REFERRAL_URGENCY_LABELS, UNIT_FEATURE_LABELS } from '../labels';

function MatchTable({
  referral,
  matches,
  kind,
  offering,
}: {
  referral: Referral;
  matches: ReferralMatch[];
  kind: 'now' | 'soon';
  offering: Offering;
}) {
  if (matches.length === 0) {
    return <p className="muted">{kind === 'now' ? 'Ingen passende enhet har ledig plass nå.' : 'Ingen.'}</p>;
  }
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
      <table className="pkt-table pkt-table--compact" data-testid={`matches-${kind}`}>
        <caption className="pkt-sr-only">
          {kind === 'now' ? 'Passende enheter med ledig plass nå' : 'Passende enheter som blir ledige snart'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Enhet</th>
            <th scope="col">Institusjon</th>
            <th scope="col">Tjenestekategori</th>
            <th scope="col">Valg</th>
            <th scope="col">{kind === 'now' ? 'Ledige' : 'Ventet ledig'}</th>
            {kind === 'now' && <th scope="col">Tilbud</th>}
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.unitId} data-testid={`match-${m.unitId}`}>
              <th scope="row">
                {m.unitName}
                <UnitFeatures features={m.features} />
              </th>
              <td>{m.institutionName}</td>
              <td>{categoryName(m.category)}</td>
              <td>{m.preference}.</td>
              <td>{kind === 'now' ? formatCount(m.available) : formatDate(m.expectedFreeOn)}</td>
              {kind === 'now' && (
                <td>
                  <PktButton
                    size="small"
                    disabled={offering.busyId !== null}
                    onClick={() =>
                      void offering.offer(referral, m.unitId, `${m.unitName}, ${m.institutionName}`)
                    }
                  >
                    {offering.busyId === referral.id ? 'Tilbyr …' : 'Tilby plass'}
                  </PktButton>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Matches({
  referral,
  onMessage,
  onChanged,
}: {
  referral: Referral;
  onMessage: (m: OfferMessage) => void;
  onChanged: (referral: Referral) => void;
}) {
  const matches = useResource(`${referral.id}@${referral.sequence}`, (api, signal) =>
    api.call(getReferralMatches, { params: { id: referral.id } }, { signal }),
  );
  const offering = useOffer(onMessage, onChanged);
  return (
    <section className="section" aria-labelledby="matches-heading" data-testid="selected-referral">
      <h2 id="matches-heading">
        Passende plasser for henvisning fra {districtLabel(referral.districtCode)} (
        {REFERRAL_URGENCY_LABELS[referral.urgency].toLowerCase()})
      </h2>
      <ExpiryField offering={offering} id="offer-expires" />
      <ResourceView resource={matches} what="Passende plasser">
        {(data) => (
          <>
            <h3>Ledig nå</h3>
            <MatchTable referral={referral} matches={data.now} kind="now" offering={offering} />
            <h3>Blir ledig innen 14 dager</h3>
            <MatchTable referral={referral} matches={data.soon} kind="soon" offering={offering} />
          </>
        )}
      </ResourceView>
    </section>
  );
}

export default function IntakePage() {
  const waiting = useReferrals({ statuses: ['waiting'] }, compareWaiting);
  const offered = useReferrals({ statuses: ['offered'] }, compareWaiting);
  const names = useUnitNames();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [message, setMessage] = useState<OfferMessage>(null);
  const selected = waiting.state.data?.find((r) => r.id === selectedId) ?? null;

  return (
    <>
      <PageTitle lead="Ventelisten i prioritert rekkefølge: hastegrad, så ventetid. Velg en henvisning for å se passende plasser og tilby en.">
        Inntak
      </PageTitle>
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
      <section className="section" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Venteliste</h2>
        <ResourceView resource={waiting} what="Ventelisten">
          {(list) =>
            list.length === 0 ? (
              <p>Ingen henvisninger venter.</p>
            ) : (
              <div
                className="table-scroll"
                tabIndex={0}
                role="region"
                aria-label="Tabell, kan rulles sideveis"
              >
                <table className="pkt-table pkt-table--compact" data-testid="waiting-list">
                  <caption className="pkt-sr-only">Ventelisten</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nr.</th>
                      <th scope="col">Bydel</th>
                      <th scope="col">Hastegrad</th>
                      <th scope="col">Tjenestekategorier</th>
                      <th scope="col">Behov</th>
                      <th scope="col">Tidligst</th>
                      <th scope="col">Venter siden</th>
                      <th scope="col">Siste tilbud</th>
                      <th scope="col">Velg</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((r, i) => (
                      <tr
                        key={r.id}
                        data-testid={`waiting-${r.id}`}
                        aria-current={r.id === selectedId ? 'true' : undefined}
                      >
                        <td>{r.position ?? i + 1}</td>
                        <td>{districtLabel(r.districtCode)}</td>
                        <td>{REFERRAL_URGENCY_LABELS[r.urgency]}</td>
                        <td>{r.categories.map((c, j) => `${j + 1}. ${categoryName(c)}`).join(', ')}</td>
                        <td>{r.needs.map((n) => UNIT_FEATURE_LABELS[n]).join(', ') || '–'}</td>
                        <td>{r.earliestDate ? formatDate(r.earliestDate) : 'Snarest'}</td>
                        <td>
                          <time dateTime={r.createdAt}>{formatAgo(r.createdAt)}</time>
                        </td>
                        <td>{r.offer ? <OfferSummary offer={r.offer} names={names} /> : '–'}</td>
                        <td>
                          <PktButton
                            size="small"
                            skin={r.id === selectedId ? 'primary' : 'secondary'}
                            onClick={() => setSelectedId(r.id)}
                            aria-label={`Velg henvisning ${i + 1} fra ${districtLabel(r.districtCode)}`}
                          >
                            Velg
                          </PktButton>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ResourceView>
      </section>
      {selected && (
        <Matches
          key={selected.id}
          referral={selected}
          onMessage={setMessage}
          onChanged={(referral) => {
            waiting.apply(referral);
            offered.apply(referral);
          }}
        />
      )}
      <section className="section" aria-labelledby="offered-heading">
        <h2 id="offered-heading">Tilbud ute</h2>
        <ResourceView resource={offered} what="Tilbudene">
          {(list) =>
            list.length === 0 ? (
              <p>Ingen tilbud venter på svar eller innskrivning.</p>
            ) : (
              <ul className="plain-list" data-testid="offered-list">
                {list.map((r) => (
                  <li key={r.id} data-testid={`offered-${r.id}`}>
                    {districtLabel(r.districtCode)} ({REFERRAL_URGENCY_LABELS[r.urgency].toLowerCase()}):{' '}
                    {r.offer ? <OfferSummary offer={r.offer} names={names} testId={`offer-${r.id}`} /> : '–'}
                  </li>
                ))}
              </ul>
            )
          }
        </ResourceView>
      </section>
    </>
  );
}
