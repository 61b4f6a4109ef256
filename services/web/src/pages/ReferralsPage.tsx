/**
 * Henvisninger: a district registers referrals to felles inntak and follows them live (status, place in
 * the waiting list, the offer), answers an offer and withdraws a referral. District staff see their own
 * district's; intake and administrators pick a district (or all). No personal data: codes and dates only.
 */
import { PktButton, PktCheckbox, PktSelect, PktTextinput } from '@oslokommune/punkt-react';
import { answerOffer, createReferral, withdrawReferral, type Referral } from '@plass/contracts/rest';
import {
  DISTRICT_CODES,
  MAX_REFERRAL_CATEGORIES,
  mayReadAllReferrals,
  mayRefer,
  OFFER_DECLINE_REASONS,
  REFERRAL_NEEDS,
  REFERRAL_URGENCIES,
  REFERRAL_WITHDRAWAL_REASONS,
  type DistrictCode,
  type OfferDeclineReason,
  type ReferralNeed,
  type ReferralUrgency,
  type ReferralWithdrawalReason,
  type ServiceCategoryCode,
} from '@plass/domain';
import { useState, type FormEvent } from 'react';
import { norwegianMessage } from '../api/problems';
import { useApi, useRequiredSession } from '../auth/session';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { Notice } from '../components/shell';
import { formatDate, formatDateTime } from '../format';
import { OfferSummary } from '../intake/OfferSummary';
import { compareNewest, referralBody, type ReferralForm } from '../intake/referrals';
import { useReferrals } from '../intake/use-referrals';
import { useUnitNames, type UnitName } from '../intake/use-unit-names';
import {
  CATEGORY_OPTIONS,
  categoryName,
  DISTRICT_OPTIONS,
  districtLabel,
  OFFER_DECLINE_REASON_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRAL_URGENCY_LABELS,
  REFERRAL_WITHDRAWAL_REASON_LABELS,
  UNIT_FEATURE_LABELS,
} from '../labels';
import { ChoiceSelect } from '../components/ChoiceSelect';

type Message = { ok: boolean; text: string } | null;

const ALL_STATUSES = ['waiting', 'offered', 'placed', 'withdrawn'] as const;

function isDistrictCode(value: string): value is DistrictCode {
  return (DISTRICT_CODES as readonly string[]).includes(value);
}

function NewReferral({
  districtCode,
  onMessage,
  onChanged,
}: {
  districtCode: DistrictCode | '';
  onMessage: (message: Message) => void;
  onChanged: (referral: Referral) => void;
}) {
  const api = useApi();
  const [categories, setCategories] = useState<(ServiceCategoryCode | '')[]>(['', '', '']);
  const [urgency, setUrgency] = useState<ReferralUrgency>('urgent');
  const [needs, setNeeds] = useState<ReferralNeed[]>([]);
  const [earliestDate, setEarliestDate] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form: ReferralForm = { districtCode, categories, urgency, needs, earliestDate };
    const result = referralBody(form);
    if (!result.ok) return onMessage({ ok: false, text: result.error });
    setBusy(true);
    onMessage(null);
    try {
      const created = await api.call(createReferral, { body: result.body });
      onChanged(created);
      onMessage({
        ok: true,
        text: `Henvisningen er registrert for ${districtLabel(created.districtCode)}${
          created.position ? `, nummer ${created.position} i køen` : ''
        }.`,
      });
      setCategories(['', '', '']);
      setNeeds([]);
      setEarliestDate('');
    } catch (error) {
      onMessage({ ok: false, text: norwegianMessage(error, 'Registrering av henvisning') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-card" aria-labelledby="new-referral-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="new-referral-heading">Ny henvisning</h2>
      <p className="muted">
        Bare koder og datoer: ikke skriv navn eller annet som kan identifisere personen.
      </p>
      {Array.from({ length: MAX_REFERRAL_CATEGORIES }, (_, i) => (
        <ChoiceSelect
          key={i}
          fullwidth
          id={`referral-category-${i + 1}`}
          label={i === 0 ? '1. valg tjenestekategori' : `${i + 1}. valg (valgfritt)`}
          value={categories[i]}
          onChange={(event) =>
            setCategories((current) =>
              current.map((c, j) => (j === i ? (event.target.value as ServiceCategoryCode | '') : c)),
            )
          }
          placeholder="{i === 0 ? 'Velg kategori' : 'Ingen'}"
          options={CATEGORY_OPTIONS}
        />
      ))}
      <PktSelect
        fullwidth
        id="referral-urgency"
        label="Hastegrad"
        value={urgency}
        onChange={(event) => setUrgency(event.target.value as ReferralUrgency)}
      >
        {REFERRAL_URGENCIES.map((u) => (
          <option key={u} value={u}>
            {REFERRAL_URGENCY_LABELS[u]}
          </option>
        ))}
      </PktSelect>
      <fieldset className="plain-fieldset">
        <legend>Behov</legend>
        {REFERRAL_NEEDS.map((need) => (
          <PktCheckbox
            key={need}
            id={`referral-need-${need}`}
            label={UNIT_FEATURE_LABELS[need]}
            checked={needs.includes(need)}
            onChange={(event) =>
              setNeeds((current) =>
                event.target.checked ? [...current, need] : current.filter((n) => n !== need),
              )
            }
          />
        ))}
      </fieldset>
      <PktTextinput
        fullwidth
        id="referral-earliest-date"
        label="Tidligste dato (valgfritt)"
        type="date"
        value={earliestDate}
        onChange={(event) => setEarliestDate(event.target.value)}
      />
      <PktButton type="submit" disabled={busy}>
        {busy ? 'Registrerer …' : 'Registrer henvisning'}
      </PktButton>
    </form>
  );
}

function ReferralActions({
  referral,
  onMessage,
  onChanged,
}: {
  referral: Referral;
  onMessage: (m: Message) => void;
  onChanged: (referral: Referral) => void;
}) {
  const api = useApi();
  const { user } = useRequiredSession();
  const [declineReason, setDeclineReason] = useState<OfferDeclineReason>('declined-by-resident');
  const [withdrawalReason, setWithdrawalReason] = useState<ReferralWithdrawalReason>('no-longer-needed');
  const [busy, setBusy] = useState<string | null>(null);
  if (!mayRefer(user, referral.districtCode)) return null;

  async function run(action: string, work: () => Promise<string>) {
    setBusy(action);
    onMessage(null);
    try {
      onMessage({ ok: true, text: await work() });
    } catch (error) {
      onMessage({ ok: false, text: norwegianMessage(error, 'Handlingen') });
    } finally {
      setBusy(null);
    }
  }

  const offer = referral.offer;
  const openOffer = referral.status === 'offered' && offer?.outcome === 'open' ? offer : null;
  const answer = (accept: boolean) =>
    openOffer &&
    run(accept ? 'accept' : 'decline', async () => {
      const answered = await api.call(answerOffer, {
        params: { id: referral.id, offerId: openOffer.offerId },
        body: accept ? { accept: true } : { accept: false, reason: declineReason },
      });
      onChanged(answered);
      return accept
        ? 'Tilbudet er takket ja til. Plassen holdes til institusjonen skriver inn.'
        : 'Tilbudet er takket nei til. Henvisningen står i køen igjen.';
    });
  const withdraw = () =>
    run('withdraw', async () => {
      onChanged(
        await api.call(withdrawReferral, { params: { id: referral.id }, body: { reason: withdrawalReason } }),
      );
      return 'Henvisningen er trukket.';
    });
  const id = (name: string) => `${name}-${referral.id}`;

  return (
    <div className="row-actions">
      {openOffer && (
        <div className="button-row">
          <PktButton size="small" disabled={busy !== null} onClick={() => void answer(true)}>
            Takk ja
          </PktButton>
          <PktSelect
            id={id('decline-reason')}
            label="Årsak til nei"
            value={declineReason}
            onChange={(event) => setDeclineReason(event.target.value as OfferDeclineReason)}
          >
            {OFFER_DECLINE_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {OFFER_DECLINE_REASON_LABELS[reason]}
              </option>
            ))}
          </PktSelect>
          <PktButton
            size="small"
            skin="secondary"
            disabled={busy !== null}
            onClick={() => void answer(false)}
          >
            Takk nei
          </PktButton>
        </div>
      )}
      {(referral.status === 'waiting' || referral.status === 'offered') && (
        <div className="button-row">
          <PktSelect
            id={id('withdraw-reason')}
            label="Årsak til å trekke"
            value={withdrawalReason}
            onChange={(event) => setWithdrawalReason(event.target.value as ReferralWithdrawalReason)}
          >
            {REFERRAL_WITHDRAWAL_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {REFERRAL_WITHDRAWAL_REASON_LABELS[reason]}
              </option>
            ))}
          </PktSelect>
          <PktButton size="small" skin="tertiary" disabled={busy !== null} onClick={() => void withdraw()}>
            Trekk henvisning
          </PktButton>
        </div>
      )}
    </div>
  );
}

function ReferralTable({
  referrals,
  names,
  onMessage,
  onChanged,
}: {
  referrals: Referral[];
  names: Map<string, UnitName>;
  onMessage: (m: Message) => void;
  onChanged: (referral: Referral) => void;
}) {
  if (referrals.length === 0) return <p>Ingen henvisninger ennå.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
      <table className="pkt-table pkt-table--compact" data-testid="referrals-table">
        <caption className="pkt-sr-only">Henvisningene</caption>
        <thead>
          <tr>
            <th scope="col">Henvist</th>
            <th scope="col">Bydel</th>
            <th scope="col">Tjenestekategorier</th>
            <th scope="col">Hastegrad</th>
            <th scope="col">Status</th>
            <th scope="col">Plass i køen</th>
            <th scope="col">Tilbud</th>
            <th scope="col">Handling</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((r) => (
            <tr key={r.id} data-testid={`referral-${r.id}`}>
              <td>
                <time dateTime={r.createdAt} title={formatDateTime(r.createdAt)}>
                  {formatDate(r.createdAt)}
                </time>
              </td>
              <td>{districtLabel(r.districtCode)}</td>
              <td>
                {r.categories.map((c, i) => `${i + 1}. ${categoryName(c)}`).join(', ')}
                {r.needs.length > 0 && (
                  <span className="muted"> · {r.needs.map((n) => UNIT_FEATURE_LABELS[n]).join(', ')}</span>
                )}
                {r.earliestDate && <span className="muted"> · fra {formatDate(r.earliestDate)}</span>}
              </td>
              <td>{REFERRAL_URGENCY_LABELS[r.urgency]}</td>
              <td data-testid={`referral-status-${r.id}`}>{REFERRAL_STATUS_LABELS[r.status]}</td>
              <td data-testid={`referral-position-${r.id}`}>{r.position ?? '–'}</td>
              <td>
                {r.offer ? (
                  <OfferSummary
                    offer={r.offer}
                    names={names}
                    testId={`referral-offer-${r.id}`}
                    placed={r.status === 'placed'}
                  />
                ) : (
                  '–'
                )}
              </td>
              <td>
                <ReferralActions referral={r} onMessage={onMessage} onChanged={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ReferralsPage() {
  const { user } = useRequiredSession();
  const readsAll = mayReadAllReferrals(user);
  const [picked, setPicked] = useState<string>('');
  const districtCode: DistrictCode | '' = readsAll
    ? isDistrictCode(picked)
      ? picked
      : ''
    : (user.districtCode ?? '');
  const referrals = useReferrals(
    readsAll || districtCode ? { statuses: ALL_STATUSES, districtCode: districtCode || undefined } : null,
    compareNewest,
  );
  const names = useUnitNames();
  const [message, setMessage] = useState<Message>(null);
  const mayCreate = districtCode !== '' ? mayRefer(user, districtCode) : user.roles.includes('intake');

  return (
    <>
      <PageTitle lead="Henvis til Felles inntak og følg henvisningene: plass i køen, tilbud om plass og svar. Endringer vises med en gang.">
        Henvisninger
      </PageTitle>
      {readsAll ? (
        <ChoiceSelect
          id="referrals-district"
          label="Bydel"
          value={districtCode}
          onChange={(event) => setPicked(event.target.value)}
          placeholder="Alle bydeler"
          options={DISTRICT_OPTIONS}
        />
      ) : districtCode ? (
        <p className="muted">Henvisninger fra {districtLabel(districtCode)}.</p>
      ) : (
        <p>Brukeren din er ikke knyttet til noen bydel.</p>
      )}
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
      {mayCreate && (
        <section className="section">
          {districtCode === '' ? (
            <p className="muted">Velg bydel for å registrere en ny henvisning.</p>
          ) : (
            <NewReferral districtCode={districtCode} onMessage={setMessage} onChanged={referrals.apply} />
          )}
        </section>
      )}
      {(readsAll || districtCode !== '') && (
        <section className="section" aria-labelledby="referrals-heading">
          <h2 id="referrals-heading">
            {districtCode ? `Henvisninger fra ${districtLabel(districtCode)}` : 'Alle henvisninger'}
          </h2>
          <ResourceView resource={referrals} what="Henvisningene">
            {(list) => (
              <ReferralTable
                referrals={list}
                names={names}
                onMessage={setMessage}
                onChanged={referrals.apply}
              />
            )}
          </ResourceView>
        </section>
      )}
    </>
  );
}
