/**
 * Boliger (district staff, admin): the district's dwellings with their status, registering one, changing a
 * dwelling's status (a reason when it goes out of use, an expiry when it is reserved), and the district's
 * housing need per type. District staff work on their own district; an administrator picks one.
 */
import { PktButton, PktTextinput } from '@oslokommune/punkt-react';
import {
  changeHousingStatus,
  getHousingNeed,
  HOUSING_LABEL_PATTERN,
  HOUSING_UNAVAILABLE_REASONS,
  listHousingUnits,
  MAX_HOUSING_RESERVATION_DAYS,
  registerHousingUnit,
  updateHousingNeed,
  type HousingNeedDto,
  type HousingUnavailableReason,
  type HousingUnitDto,
} from '@plass/contracts/rest';
import {
  HOUSING_STATUSES,
  HOUSING_TYPES,
  type DistrictCode,
  type HousingStatus,
  type HousingType,
} from '@plass/domain';
import { useState, type FormEvent } from 'react';
import { useResource } from '../../api/use-resource';
import { hasRole } from '../../auth/auth-provider';
import { useApi, useRequiredSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ResourceView } from '../../components/Resource';
import { formatCount, formatDate, formatDateTime } from '../../format';
import {
  DISTRICT_OPTIONS,
  districtLabel,
  HOUSING_STATUS_LABELS,
  HOUSING_TYPE_LABELS,
  HOUSING_UNAVAILABLE_REASON_LABELS,
} from '../../labels';
import { useHousingEvents } from '../../live/live';
import { FeedbackView, useActionRunner } from '../registry/feedback';
import '../registry/registry.css';
import { ChoiceSelect, choicesOf } from '../../components/ChoiceSelect';

/** Where a dwelling may go from its status (the housing contract's transitions). */
export const NEXT_STATUSES: Record<HousingStatus, readonly HousingStatus[]> = {
  vacant: ['reserved', 'occupied', 'unavailable'],
  reserved: ['vacant', 'occupied', 'unavailable'],
  occupied: ['vacant', 'unavailable'],
  unavailable: ['vacant'],
};

/** `yyyy-MM-ddTHH:mm` in local time, as a datetime-local input takes it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function NewDwellingForm({
  districtCode,
  onRegistered,
}: {
  districtCode: DistrictCode;
  onRegistered: (unit: HousingUnitDto) => void;
}) {
  const api = useApi();
  const runner = useActionRunner();
  const [type, setType] = useState<HousingType | ''>('');
  const [label, setLabel] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (!type) return runner.fail('Velg boligtype.');
    if (trimmed && !HOUSING_LABEL_PATTERN.test(trimmed)) {
      return runner.fail(
        'Referansen må være en kode som B-0412: bokstaver A–Z, tall, punktum og bindestrek, minst ett tall, ingen mellomrom. Aldri adresse eller navn.',
      );
    }
    void runner.run('register', 'Registreringen av boligen', async () => {
      const unit = await api.call(registerHousingUnit, {
        body: { districtCode, type, ...(trimmed ? { label: trimmed } : {}) },
      });
      onRegistered(unit);
      setType('');
      setLabel('');
      return `Boligen${unit.label ? ` ${unit.label}` : ''} (${HOUSING_TYPE_LABELS[unit.type].toLowerCase()}) er registrert som ledig i ${districtLabel(unit.districtCode)}.`;
    });
  };

  return (
    <form noValidate className="action-card" aria-labelledby="new-dwelling-heading" onSubmit={submit}>
      <h2 id="new-dwelling-heading">Registrer bolig</h2>
      <FeedbackView runner={runner} testId="new-dwelling" />
      <ChoiceSelect
        fullwidth
        id="new-dwelling-type"
        label="Boligtype"
        value={type}
        onChange={(event) => setType(event.target.value as HousingType | '')}
        required
        placeholder="Velg boligtype"
        options={choicesOf(HOUSING_TYPES, HOUSING_TYPE_LABELS)}
      />
      <PktTextinput
        fullwidth
        id="new-dwelling-label"
        label="Referanse (valgfritt)"
        helptext="Eierens referansekode, for eksempel B-0412. Aldri adresse eller navn."
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        maxLength={24}
        autoComplete="off"
      />
      <PktButton type="submit" aria-disabled={runner.busy !== null}>
        {runner.busy === 'register' ? 'Registrerer …' : 'Registrer bolig'}
      </PktButton>
    </form>
  );
}

function StatusForm({
  dwelling,
  onChanged,
}: {
  dwelling: HousingUnitDto;
  onChanged: (unit: HousingUnitDto) => void;
}) {
  const api = useApi();
  const runner = useActionRunner();
  const choices = NEXT_STATUSES[dwelling.status];
  const [status, setStatus] = useState<HousingStatus | ''>('');
  const [reason, setReason] = useState<HousingUnavailableReason | ''>('');
  const [until, setUntil] = useState('');
  const now = new Date();
  const latest = new Date(now.getTime() + MAX_HOUSING_RESERVATION_DAYS * 86_400_000);
  const name = `${dwelling.label ?? 'uten referanse'} (${HOUSING_TYPE_LABELS[dwelling.type].toLowerCase()})`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!status) return runner.fail('Velg ny status.');
    if (status === 'unavailable' && !reason)
      return runner.fail('Velg årsak til at boligen er utilgjengelig.');
    let reservedUntil: string | undefined;
    if (status === 'reserved') {
      const at = until ? new Date(until) : null;
      if (!at || Number.isNaN(at.getTime()) || at <= new Date() || at > latest) {
        return runner.fail(
          `Velg når reservasjonen utløper: fram i tid og høyst ${MAX_HOUSING_RESERVATION_DAYS} dager fram.`,
        );
      }
      reservedUntil = at.toISOString();
    }
    void runner.run('status', 'Statusendringen', async () => {
      const unit = await api.call(changeHousingStatus, {
        params: { id: dwelling.id },
        body: {
          status,
          ...(status === 'unavailable' && reason ? { reason } : {}),
          ...(reservedUntil ? { reservedUntil } : {}),
        },
      });
      onChanged(unit);
      setStatus('');
      setReason('');
      setUntil('');
      return `Boligen ${name} er nå ${HOUSING_STATUS_LABELS[unit.status].toLowerCase()}${
        unit.reservedUntil ? ` til ${formatDateTime(unit.reservedUntil)}` : ''
      }${unit.reason ? ` (${HOUSING_UNAVAILABLE_REASON_LABELS[unit.reason].toLowerCase()})` : ''}.`;
    });
  };

  return (
    <form
      noValidate
      className="action-card housing-status-form"
      aria-labelledby="status-heading"
      onSubmit={submit}
      data-testid={`status-form-${dwelling.id}`}
    >
      <h3 id="status-heading">Endre status for bolig {name}</h3>
      <p className="muted">Nå: {HOUSING_STATUS_LABELS[dwelling.status]}</p>
      <FeedbackView runner={runner} testId="dwelling-status" />
      <ChoiceSelect
        fullwidth
        id="dwelling-status"
        label="Ny status"
        value={status}
        onChange={(event) => setStatus(event.target.value as HousingStatus | '')}
        required
        placeholder="Velg status"
        options={choicesOf(choices, HOUSING_STATUS_LABELS)}
      />
      {status === 'unavailable' && (
        <ChoiceSelect
          fullwidth
          id="dwelling-reason"
          label="Årsak"
          value={reason}
          onChange={(event) => setReason(event.target.value as HousingUnavailableReason | '')}
          required
          placeholder="Velg årsak"
          options={choicesOf(HOUSING_UNAVAILABLE_REASONS, HOUSING_UNAVAILABLE_REASON_LABELS)}
        />
      )}
      {status === 'reserved' && (
        <PktTextinput
          fullwidth
          id="dwelling-reserved-until"
          label="Reservert til"
          helptext={`Reservasjonen utløper av seg selv, og boligen blir ledig igjen. Høyst ${MAX_HOUSING_RESERVATION_DAYS} dager fram.`}
          type="datetime-local"
          min={localInput(now)}
          max={localInput(latest)}
          value={until}
          onChange={(event) => setUntil(event.target.value)}
          required
        />
      )}
      <PktButton type="submit" aria-disabled={runner.busy !== null}>
        {runner.busy === 'status' ? 'Lagrer …' : 'Lagre status'}
      </PktButton>
    </form>
  );
}

function NeedForm({ need, onSaved }: { need: HousingNeedDto; onSaved: (need: HousingNeedDto) => void }) {
  const api = useApi();
  const runner = useActionRunner();
  const [values, setValues] = useState<Record<HousingType, string>>(
    () =>
      Object.fromEntries(HOUSING_TYPES.map((t) => [t, String(need.needs[t] ?? 0)])) as Record<
        HousingType,
        string
      >,
  );
  // Someone else's change (another tab, a colleague) is the new starting point while nothing is typed.
  const [from, setFrom] = useState(need.sequence);
  if (from !== need.sequence && runner.busy === null) {
    setFrom(need.sequence);
    setValues(
      Object.fromEntries(HOUSING_TYPES.map((t) => [t, String(need.needs[t] ?? 0)])) as Record<
        HousingType,
        string
      >,
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const numbers = HOUSING_TYPES.map((t) => [t, Number(values[t] === '' ? 0 : values[t])] as const);
    if (numbers.some(([, n]) => !Number.isInteger(n) || n < 0)) {
      return runner.fail('Behovet må være et helt antall husstander, 0 eller mer, for hver boligtype.');
    }
    void runner.run('need', 'Lagringen av boligbehovet', async () => {
      const saved = await api.call(updateHousingNeed, {
        params: { districtCode: need.districtCode },
        body: { needs: Object.fromEntries(numbers) },
      });
      onSaved(saved);
      return `Boligbehovet for ${districtLabel(saved.districtCode)} er lagret: ${formatCount(saved.total)} husstander i alt.`;
    });
  };

  return (
    <form
      noValidate
      className="action-card"
      aria-labelledby="need-heading"
      onSubmit={submit}
      data-testid="need-form"
    >
      <h2 id="need-heading">Boligbehov</h2>
      <p className="muted">
        Antall husstander i bydelen som trenger hver boligtype.
        {need.updatedAt ? ` Sist endret ${formatDateTime(need.updatedAt)}.` : ' Ikke registrert ennå.'}
      </p>
      <FeedbackView runner={runner} testId="need" />
      <div className="need-grid">
        {HOUSING_TYPES.map((t) => (
          <PktTextinput
            key={t}
            fullwidth
            id={`need-${t}`}
            label={HOUSING_TYPE_LABELS[t]}
            type="number"
            min={0}
            inputMode="numeric"
            value={values[t]}
            onChange={(event) => setValues((current) => ({ ...current, [t]: event.target.value }))}
          />
        ))}
      </div>
      <PktButton type="submit" aria-disabled={runner.busy !== null}>
        {runner.busy === 'need' ? 'Lagrer …' : 'Lagre boligbehov'}
      </PktButton>
    </form>
  );
}

function DistrictHousing({ districtCode }: { districtCode: DistrictCode }) {
  const [revision, setRevision] = useState(0);
  useHousingEvents((change) => {
    if (change.districtCode === districtCode) setRevision((r) => r + 1);
  });
  const dwellings = useResource(`${districtCode}@${revision}`, (api, signal) =>
    api.call(listHousingUnits, { query: { districtCode } }, { signal }),
  );
  const need = useResource(`${districtCode}@${revision}`, (api, signal) =>
    api.call(getHousingNeed, { params: { districtCode } }, { signal }),
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [statusFilter, setStatusFilter] = useState<HousingStatus | ''>('');

  const replace = (unit: HousingUnitDto) =>
    dwellings.set((current) => {
      const list = current ?? [];
      return list.some((u) => u.id === unit.id)
        ? list.map((u) => (u.id === unit.id ? unit : u))
        : [unit, ...list];
    });

  return (
    <>
      <div className="action-grid housing-forms">
        <NewDwellingForm districtCode={districtCode} onRegistered={replace} />
        <ResourceView resource={need} what="Boligbehovet">
          {(data) => <NeedForm key={districtCode} need={data} onSaved={(saved) => need.set(() => saved)} />}
        </ResourceView>
      </div>
      <section className="section" aria-labelledby="dwellings-heading">
        <h2 id="dwellings-heading">Boligene i {districtLabel(districtCode)}</h2>
        <ResourceView resource={dwellings} what="Boligene">
          {(list) => {
            const sorted = [...list].sort(
              (a, b) =>
                HOUSING_TYPES.indexOf(a.type) - HOUSING_TYPES.indexOf(b.type) ||
                (a.label ?? '').localeCompare(b.label ?? '', 'nb') ||
                a.createdAt.localeCompare(b.createdAt),
            );
            const shown = statusFilter ? sorted.filter((u) => u.status === statusFilter) : sorted;
            const selected = list.find((u) => u.id === selectedId);
            return (
              <>
                <div className="filters">
                  <ChoiceSelect
                    id="dwelling-filter"
                    label="Vis status"
                    value={statusFilter}
                    onChange={(event) => setStatusFilter(event.target.value as HousingStatus | '')}
                    placeholder="Alle"
                    options={choicesOf(HOUSING_STATUSES, HOUSING_STATUS_LABELS)}
                  />
                </div>
                <p className="muted" data-testid="dwelling-count">
                  {shown.length} av {list.length} boliger vises.{' '}
                  {HOUSING_STATUSES.map(
                    (s) => `${HOUSING_STATUS_LABELS[s]}: ${list.filter((u) => u.status === s).length}`,
                  ).join(', ')}
                  .
                </p>
                {selected && <StatusForm key={selected.id} dwelling={selected} onChanged={replace} />}
                {shown.length === 0 ? (
                  <p>Ingen boliger å vise.</p>
                ) : (
                  <table
                    className="pkt-table pkt-table--compact stacked-table dwellings-table"
                    data-testid="dwellings-table"
                  >
                    <caption className="pkt-sr-only">Boligene i {districtLabel(districtCode)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Referanse</th>
                        <th scope="col">Boligtype</th>
                        <th scope="col">Status</th>
                        <th scope="col">Siden</th>
                        <th scope="col">Merknad</th>
                        <th scope="col">
                          <span className="pkt-sr-only">Handling</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((u) => (
                        <tr
                          key={u.id}
                          data-testid={`dwelling-${u.id}`}
                          aria-current={u.id === selectedId ? 'true' : undefined}
                        >
                          <th scope="row">{u.label ?? 'Uten referanse'}</th>
                          <td data-label="Boligtype">{HOUSING_TYPE_LABELS[u.type]}</td>
                          <td data-label="Status" data-testid={`dwelling-status-${u.id}`}>
                            {HOUSING_STATUS_LABELS[u.status]}
                          </td>
                          <td data-label="Siden">{formatDate(u.updatedAt)}</td>
                          <td data-label="Merknad">
                            {u.reservedUntil
                              ? `Reservert til ${formatDateTime(u.reservedUntil)}`
                              : u.reason
                                ? HOUSING_UNAVAILABLE_REASON_LABELS[u.reason]
                                : '–'}
                          </td>
                          <td>
                            <PktButton
                              size="small"
                              skin="tertiary"
                              onClick={() => setSelectedId(u.id === selectedId ? null : u.id)}
                              aria-expanded={u.id === selectedId}
                              aria-label={`${u.id === selectedId ? 'Lukk statusendring for' : 'Endre status for'} bolig ${u.label ?? 'uten referanse'}`}
                            >
                              {u.id === selectedId ? 'Lukk' : 'Endre status'}
                            </PktButton>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </>
            );
          }}
        </ResourceView>
      </section>
    </>
  );
}

export default function HousingPage() {
  const { user } = useRequiredSession();
  const own = user.districtCode;
  const isAdmin = hasRole(user, 'admin');
  const [picked, setPicked] = useState<DistrictCode | ''>('');
  const districtCode: DistrictCode | '' = isAdmin ? picked || (own ?? '') : (own ?? '');

  return (
    <>
      <PageTitle lead="Bydelens boliger: registrer boliger, endre status og hold boligbehovet oppdatert.">
        {districtCode ? `Boliger i ${districtLabel(districtCode)}` : 'Boliger'}
      </PageTitle>
      {isAdmin && (
        <div className="filters">
          <ChoiceSelect
            id="housing-district"
            label="Bydel"
            value={districtCode}
            onChange={(event) => setPicked(event.target.value as DistrictCode | '')}
            placeholder="Velg bydel"
            options={DISTRICT_OPTIONS}
          />
        </div>
      )}
      {districtCode ? (
        <DistrictHousing key={districtCode} districtCode={districtCode} />
      ) : (
        <p>
          {isAdmin
            ? 'Velg en bydel for å se og endre boligene.'
            : 'Brukeren din er ikke knyttet til en bydel.'}
        </p>
      )}
    </>
  );
}
