/**
 * Kjøpte plasser: a district records the places it buys one at a time from private providers (enkeltkjøp),
 * lists them and sets the last day of an open one. District staff see their own district's; intake and
 * administrators pick a district (or all). No personal data: the provider's name, codes, days and price.
 */
import { PktButton, PktTextinput } from '@oslokommune/punkt-react';
import { endPurchase, listPurchases, recordPurchase, type Purchase } from '@plass/contracts/rest';
import { DISTRICT_CODES, type DistrictCode, type ServiceCategoryCode } from '@plass/domain';
import { useState, type FormEvent } from 'react';
import { norwegianMessage } from '../api/problems';
import { useResource } from '../api/use-resource';
import { useApi, useRequiredSession } from '../auth/session';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { PageTitle } from '../components/PageTitle';
import { ResourceView } from '../components/Resource';
import { Notice } from '../components/shell';
import { formatCount, formatDay } from '../format';
import { CATEGORY_OPTIONS, categoryName, DISTRICT_OPTIONS, districtLabel } from '../labels';
import { purchaseBody } from '../purchases/purchase-form';
import './pages.css';

type Message = { ok: boolean; text: string } | null;

const readsAll = (roles: readonly string[]) => roles.includes('intake') || roles.includes('admin');

function isDistrictCode(value: string): value is DistrictCode {
  return (DISTRICT_CODES as readonly string[]).includes(value);
}

function NewPurchase({
  districtCode,
  onMessage,
  onRecorded,
}: {
  districtCode: DistrictCode;
  onMessage: (m: Message) => void;
  onRecorded: (p: Purchase) => void;
}) {
  const api = useApi();
  const [providerName, setProviderName] = useState('');
  const [category, setCategory] = useState<ServiceCategoryCode | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pricePerDay, setPricePerDay] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = purchaseBody({ districtCode, providerName, category, from, to, pricePerDay });
    if (!result.ok) return onMessage({ ok: false, text: result.error });
    setBusy(true);
    onMessage(null);
    try {
      const recorded = await api.call(recordPurchase, { body: result.body });
      onRecorded(recorded);
      onMessage({ ok: true, text: `Kjøpet er registrert for ${districtLabel(recorded.districtCode)}.` });
      setProviderName('');
      setCategory('');
      setFrom('');
      setTo('');
      setPricePerDay('');
    } catch (error) {
      onMessage({ ok: false, text: norwegianMessage(error, 'Registrering av kjøp') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-card" aria-labelledby="new-purchase-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="new-purchase-heading">Ny kjøpt plass</h2>
      <p className="muted">
        Bare leverandørens navn, kategori, dager og døgnpris: ikke skriv noe om personen som bor der.
      </p>
      <PktTextinput
        fullwidth
        id="purchase-provider"
        label="Leverandør (organisasjon)"
        value={providerName}
        onChange={(e) => setProviderName(e.target.value)}
        required
      />
      <ChoiceSelect
        fullwidth
        id="purchase-category"
        label="Tjenestekategori"
        value={category}
        onChange={(e) => setCategory(e.target.value as ServiceCategoryCode | '')}
        placeholder="Velg kategori"
        options={CATEGORY_OPTIONS}
      />
      <PktTextinput
        fullwidth
        id="purchase-from"
        label="Første dag"
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        required
      />
      <PktTextinput
        fullwidth
        id="purchase-to"
        label="Siste dag (valgfritt, kan settes senere)"
        type="date"
        value={to}
        min={from || undefined}
        onChange={(e) => setTo(e.target.value)}
      />
      <PktTextinput
        fullwidth
        id="purchase-price"
        label="Døgnpris (hele kroner)"
        inputMode="numeric"
        value={pricePerDay}
        onChange={(e) => setPricePerDay(e.target.value)}
        required
      />
      <PktButton type="submit" disabled={busy}>
        {busy ? 'Registrerer …' : 'Registrer kjøp'}
      </PktButton>
    </form>
  );
}

function EndPurchase({
  purchase,
  onMessage,
  onEnded,
}: {
  purchase: Purchase;
  onMessage: (m: Message) => void;
  onEnded: (p: Purchase) => void;
}) {
  const api = useApi();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  if (purchase.to !== null) return null;

  async function end() {
    if (to === '') return onMessage({ ok: false, text: 'Velg siste dag.' });
    setBusy(true);
    onMessage(null);
    try {
      onEnded(await api.call(endPurchase, { params: { id: purchase.id }, body: { to } }));
      onMessage({ ok: true, text: `Kjøpet er avsluttet med siste dag ${formatDay(to)}.` });
    } catch (error) {
      onMessage({ ok: false, text: norwegianMessage(error, 'Avslutning av kjøp') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="button-row">
      <PktTextinput
        id={`purchase-end-${purchase.id}`}
        label="Siste dag"
        type="date"
        value={to}
        min={purchase.from}
        onChange={(e) => setTo(e.target.value)}
      />
      <PktButton size="small" skin="secondary" disabled={busy} onClick={() => void end()}>
        Avslutt kjøp
      </PktButton>
    </div>
  );
}

function PurchaseTable({
  purchases,
  onMessage,
  onChanged,
}: {
  purchases: Purchase[];
  onMessage: (m: Message) => void;
  onChanged: (p: Purchase) => void;
}) {
  if (purchases.length === 0) return <p>Ingen kjøpte plasser registrert.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Tabell, kan rulles sideveis">
      <table className="pkt-table pkt-table--compact" data-testid="purchases-table">
        <caption className="pkt-sr-only">Kjøpte plasser</caption>
        <thead>
          <tr>
            <th scope="col">Bydel</th>
            <th scope="col">Leverandør</th>
            <th scope="col">Tjenestekategori</th>
            <th scope="col">Første dag</th>
            <th scope="col">Siste dag</th>
            <th scope="col">Døgnpris</th>
            <th scope="col">Handling</th>
          </tr>
        </thead>
        <tbody>
          {purchases.map((p) => (
            <tr key={p.id} data-testid={`purchase-${p.id}`}>
              <td>{districtLabel(p.districtCode)}</td>
              <td>{p.providerName}</td>
              <td>{categoryName(p.category)}</td>
              <td>{formatDay(p.from)}</td>
              <td>{p.to ? formatDay(p.to) : 'Løpende'}</td>
              <td>{formatCount(p.pricePerDay)} kr</td>
              <td>
                <EndPurchase purchase={p} onMessage={onMessage} onEnded={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function PurchasesPage() {
  const { user } = useRequiredSession();
  const all = readsAll(user.roles);
  const [picked, setPicked] = useState('');
  const districtCode: DistrictCode | '' = all
    ? isDistrictCode(picked)
      ? picked
      : ''
    : (user.districtCode ?? '');
  const purchases = useResource(all || districtCode ? `purchases:${districtCode}` : null, (client, signal) =>
    client.call(listPurchases, { query: districtCode ? { districtCode } : {} }, { signal }),
  );
  const [message, setMessage] = useState<Message>(null);
  const replace = (changed: Purchase) =>
    purchases.set((current = []) =>
      current.some((p) => p.id === changed.id)
        ? current.map((p) => (p.id === changed.id ? changed : p))
        : [changed, ...current],
    );

  return (
    <>
      <PageTitle lead="Plasser bydelen kjøper enkeltvis hos private leverandører (enkeltkjøp): leverandør, kategori, periode og døgnpris. Tallene brukes i finansieringsrapporten.">
        Kjøpte plasser
      </PageTitle>
      {all ? (
        <ChoiceSelect
          id="purchases-district"
          label="Bydel"
          value={districtCode}
          onChange={(e) => setPicked(e.target.value)}
          placeholder="Alle bydeler"
          options={DISTRICT_OPTIONS}
        />
      ) : districtCode ? (
        <p className="muted">Kjøp for {districtLabel(districtCode)}.</p>
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
      {(all || districtCode !== '') && (
        <section className="section">
          {districtCode === '' ? (
            <p className="muted">Velg bydel for å registrere et nytt kjøp.</p>
          ) : (
            <NewPurchase districtCode={districtCode} onMessage={setMessage} onRecorded={replace} />
          )}
        </section>
      )}
      {(all || districtCode !== '') && (
        <section className="section" aria-labelledby="purchases-heading">
          <h2 id="purchases-heading">
            {districtCode ? `Kjøpte plasser for ${districtLabel(districtCode)}` : 'Alle kjøpte plasser'}
          </h2>
          <ResourceView resource={purchases} what="Kjøpene">
            {(list) => <PurchaseTable purchases={list} onMessage={setMessage} onChanged={replace} />}
          </ResourceView>
        </section>
      )}
    </>
  );
}
