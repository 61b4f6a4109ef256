/**
 * What institution staff do with one unit: admit (referring district, planned discharge date), discharge
 * (a stay picked by its dates and district, and a reason), block and unblock places, report a census, and
 * confirm that the numbers are right. Admission, discharge, block and lifting take an optional «Tidspunkt»
 * (empty: now), and an admission time is put right with «Rett tidspunkt» (ADR 0212–0214). No choice is
 * made for the staff, and after every action focus moves to its outcome (ADR 0187).
 */
import { PktAlert, PktButton, PktRadioButton, PktSelect, PktTextinput } from '@oslokommune/punkt-react';
import {
  admitResident,
  blockPlaces,
  correctStay,
  dischargeResident,
  liftBlock,
  listOpenBlocks,
  listOpenReservations,
  listOpenStays,
  reportCensus,
  type UnitDto,
} from '@plass/contracts/rest';
import {
  BLOCK_REASONS,
  CORRECTION_REASON_NAMES,
  CORRECTION_REASONS,
  DISCHARGE_REASONS,
  type BlockReason,
  type CorrectionReason,
  type DischargeReason,
  type DistrictCode,
} from '@plass/domain';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { norwegianMessage } from '../../api/problems';
import { useResource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { ErrorNotice } from '../../components/Resource';
import { formatDateTime, formatDay } from '../../format';
import { BLOCK_REASON_LABELS, DISCHARGE_REASON_LABELS, DISTRICT_OPTIONS, districtLabel } from '../../labels';
import {
  addDays,
  admittedDay,
  MAX_PLANNED_STAY_DAYS,
  osloToday,
  plannedDateProblem,
  sortStays,
  stayDetails,
  stayLabel,
} from './stays';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import {
  EFFECTIVE_TIME_HELP,
  effectiveTimeNote,
  effectiveTimeProblem,
  instantOfLocal,
  osloNowLocal,
  type EarliestBound,
} from './effective-time';
import './effective-time.css';

type Feedback =
  { kind: 'success'; text: string } | { kind: 'error'; error: unknown; retryOverCapacity?: boolean } | null;

/** What a form refuses before anything is sent: the field's message, shown at the field. */
type FieldErrors = Partial<
  Record<
    | 'district'
    | 'planned'
    | 'stay'
    | 'admitTime'
    | 'dischargeTime'
    | 'blockTime'
    | 'liftTime'
    | 'correctStay'
    | 'correctTime'
    | 'correctReason',
    string
  >
>;

/** An optional «Tidspunkt» (datetime-local, Oslo time); empty is now. */
function EffectiveTimeField({
  id,
  label = 'Tidspunkt',
  value,
  error,
  onChange,
  required = false,
}: {
  id: string;
  label?: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  return (
    <PktTextinput
      fullwidth
      id={id}
      label={label}
      type="datetime-local"
      {...(required
        ? { requiredTag: true, requiredText: 'Må fylles ut' }
        : { optionalTag: true, optionalText: 'Valgfritt' })}
      max={osloNowLocal()}
      helptext={required ? 'Tidspunktet det faktisk skjedde (norsk tid).' : EFFECTIVE_TIME_HELP}
      value={value}
      hasError={error !== undefined}
      errorMessage={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function isDistrictCode(value: string): value is DistrictCode {
  return DISTRICT_OPTIONS.some((o) => o.value === value);
}

function FeedbackView({ feedback, extra }: { feedback: Feedback; extra?: ReactNode }) {
  if (!feedback) return null;
  if (feedback.kind === 'success') {
    return (
      <PktAlert skin="success" compact role="status" data-testid="action-success">
        {feedback.text}
      </PktAlert>
    );
  }
  return (
    <PktAlert skin="error" compact role="alert" aria-live="assertive" data-testid="action-error">
      <p>{norwegianMessage(feedback.error, 'Handlingen')}</p>
      {extra}
    </PktAlert>
  );
}

export function UnitActions({ unit, onChanged }: { unit: UnitDto; onChanged: (unit: UnitDto) => void }) {
  const api = useApi();
  const details = useResource(`${unit.id}@${unit.sequence}`, async (client, signal) => {
    const params = { unitId: unit.id };
    const [stays, blocks, reservations] = await Promise.all([
      client.call(listOpenStays, { params }, { signal }),
      client.call(listOpenBlocks, { params }, { signal }),
      client.call(listOpenReservations, { params }, { signal }),
    ]);
    return { stays, blocks, reservations };
  });
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // Where focus goes once an action is done: its outcome, announced as it gets focus. The button that
  // was pressed is disabled while the request runs (or gone, like «Opphev» of a lifted block), so
  // leaving focus there would drop it to <body>.
  const feedbackRef = useRef<HTMLDivElement>(null);
  const [focusFeedback, setFocusFeedback] = useState(0);
  useEffect(() => {
    if (focusFeedback > 0) feedbackRef.current?.focus();
  }, [focusFeedback]);

  // No referring district is chosen for the staff: a default is an easy wrong answer (issue 15).
  const [referringDistrict, setReferringDistrict] = useState<DistrictCode | ''>('');
  const [plannedDate, setPlannedDate] = useState('');
  const [stayId, setStayId] = useState('');
  const [dischargeReason, setDischargeReason] = useState<DischargeReason>('planned');
  const [placesToBlock, setPlacesToBlock] = useState('1');
  const [blockReason, setBlockReason] = useState<BlockReason>('maintenance');
  const [censusOccupied, setCensusOccupied] = useState(String(unit.occupied));
  const [censusBlocked, setCensusBlocked] = useState(String(unit.blocked));
  const [admitTime, setAdmitTime] = useState('');
  const [dischargeTime, setDischargeTime] = useState('');
  const [blockTime, setBlockTime] = useState('');
  const [liftTime, setLiftTime] = useState('');
  const [correctStayId, setCorrectStayId] = useState('');
  const [correctTime, setCorrectTime] = useState('');
  const [correctReason, setCorrectReason] = useState<CorrectionReason | ''>('');
  const clearError = (field: keyof FieldErrors) => setFieldErrors(({ [field]: _cleared, ...rest }) => rest);

  // A new state of the unit (ours or someone else's change) is the new starting point of a census:
  // the form is reset while rendering that state (react.dev "adjusting state when a prop changes").
  const unitState = `${unit.sequence}|${unit.occupied}|${unit.blocked}`;
  const [censusFrom, setCensusFrom] = useState(unitState);
  if (censusFrom !== unitState) {
    setCensusFrom(unitState);
    setCensusOccupied(String(unit.occupied));
    setCensusBlocked(String(unit.blocked));
  }

  const stays = sortStays(details.state.data?.stays ?? []);
  const blocks = details.state.data?.blocks ?? [];
  const reservations = [...(details.state.data?.reservations ?? [])].sort((a, b) =>
    a.expiresAt.localeCompare(b.expiresAt),
  );
  // Nothing is picked for the staff: a stay is discharged only once chosen (and while still open).
  const chosenStay = stays.find((s) => s.stayId === stayId);
  const stayToCorrect = stays.find((s) => s.stayId === correctStayId);
  const today = osloToday();

  const id = (name: string) => `${name}-${unit.id}`;

  /** A form refused before sending: the message at the field, and focus on the first such field. */
  function refuse(errors: FieldErrors, firstField: string) {
    setFieldErrors(errors);
    setFeedback(null);
    // Punkt's select puts its id on the wrapper and `<id>-input` on the <select> itself.
    (document.getElementById(`${firstField}-input`) ?? document.getElementById(firstField))?.focus();
  }

  async function run(action: string, work: () => Promise<string>) {
    setBusy(action);
    setFeedback(null);
    setFieldErrors({});
    try {
      setFeedback({ kind: 'success', text: await work() });
    } catch (error) {
      setFeedback({
        kind: 'error',
        error,
        retryOverCapacity:
          action === 'admit' && error instanceof ApiError && error.code === 'NO_AVAILABLE_PLACE',
      });
    } finally {
      setBusy(null);
      setFocusFeedback((n) => n + 1);
    }
  }

  const admit = (allowOverCapacity: boolean) => {
    const district = referringDistrict;
    const errors: FieldErrors = {};
    if (!isDistrictCode(district)) errors.district = 'Velg bydelen som henviste beboeren.';
    const dateProblem = plannedDateProblem(plannedDate);
    if (dateProblem) errors.planned = dateProblem;
    const timeProblem = effectiveTimeProblem(admitTime);
    if (timeProblem) errors.admitTime = timeProblem;
    if (!isDistrictCode(district) || dateProblem || timeProblem)
      return refuse(
        errors,
        errors.district ? id('admit-district') : dateProblem ? id('admit-planned') : id('admit-time'),
      );
    const time = admitTime;
    return run('admit', async () => {
      const result = await api.call(admitResident, {
        params: { unitId: unit.id },
        body: {
          referringDistrictCode: district,
          ...(plannedDate ? { plannedDischargeDate: plannedDate } : {}),
          ...(allowOverCapacity ? { allowOverCapacity: true } : {}),
          ...(time ? { admittedAt: time } : {}),
        },
      });
      onChanged(result.unit);
      const planned = plannedDate ? `, planlagt utskriving ${formatDay(plannedDate)}` : '';
      // The date and time belong to this resident; the district often refers the next one too, so it stays.
      setPlannedDate('');
      setAdmitTime('');
      return `Innskrevet fra ${districtLabel(district)}${planned}${effectiveTimeNote(time)}. Ledige plasser nå: ${result.unit.available}.`;
    });
  };

  // A reservation (an offer from felles inntak): its district is the referring district (ADR 0161).
  const admitFromReservation = (reservationId: string, districtCode: DistrictCode) =>
    run(`admit-${reservationId}`, async () => {
      const result = await api.call(admitResident, {
        params: { unitId: unit.id },
        body: { referringDistrictCode: districtCode, reservationId },
      });
      onChanged(result.unit);
      return `Innskrevet fra reservasjonen for ${districtLabel(districtCode)}. Ledige plasser nå: ${result.unit.available}.`;
    });

  const discharge = (event: FormEvent) => {
    event.preventDefault();
    const stay = chosenStay;
    if (!stay) {
      const first = stays[0];
      return refuse(
        { stay: 'Velg oppholdet som skal avsluttes.' },
        first ? id(`discharge-stay-${first.stayId}`) : id('discharge-heading'),
      );
    }
    const time = dischargeTime;
    const timeProblem = effectiveTimeProblem(time, new Date(), {
      at: stay.admittedAt,
      what: 'innskrivningen',
    });
    if (timeProblem) return refuse({ dischargeTime: timeProblem }, id('discharge-time'));
    void run('discharge', async () => {
      const result = await api.call(dischargeResident, {
        params: { unitId: unit.id },
        body: { stayId: stay.stayId, reason: dischargeReason, ...(time ? { dischargedAt: time } : {}) },
      });
      onChanged(result.unit);
      setStayId('');
      setDischargeTime('');
      return `Oppholdet fra ${districtLabel(stay.referringDistrictCode)}, innskrevet ${admittedDay(stay)}, er avsluttet (${DISCHARGE_REASON_LABELS[dischargeReason].toLowerCase()})${effectiveTimeNote(time)}. Ledige plasser nå: ${result.unit.available}.`;
    });
  };

  const block = (event: FormEvent) => {
    event.preventDefault();
    const time = blockTime;
    const timeProblem = effectiveTimeProblem(time);
    if (timeProblem) return refuse({ blockTime: timeProblem }, id('block-time'));
    void run('block', async () => {
      const result = await api.call(blockPlaces, {
        params: { unitId: unit.id },
        body: { places: Number(placesToBlock), reason: blockReason, ...(time ? { from: time } : {}) },
      });
      onChanged(result.unit);
      setBlockTime('');
      return `${placesToBlock} ${placesToBlock === '1' ? 'plass er' : 'plasser er'} sperret (${BLOCK_REASON_LABELS[blockReason].toLowerCase()})${effectiveTimeNote(time)}.`;
    });
  };

  const unblock = (blockId: string, start: EarliestBound) => {
    const time = liftTime;
    const timeProblem = effectiveTimeProblem(time, new Date(), start);
    if (timeProblem) return refuse({ liftTime: timeProblem }, id('lift-time'));
    void run(`unblock-${blockId}`, async () => {
      const result = await api.call(liftBlock, {
        params: { unitId: unit.id, blockId },
        ...(time ? { query: { to: time } } : {}),
      });
      onChanged(result.unit);
      setLiftTime('');
      return `Sperringen er opphevet${effectiveTimeNote(time)}.`;
    });
  };

  const correct = (event: FormEvent) => {
    event.preventDefault();
    const stay = stayToCorrect;
    const errors: FieldErrors = {};
    if (!stay) errors.correctStay = 'Velg oppholdet som har feil tidspunkt.';
    if (correctTime === '') errors.correctTime = 'Skriv det riktige innskrivingstidspunktet.';
    else {
      const timeProblem = effectiveTimeProblem(correctTime);
      if (timeProblem) errors.correctTime = timeProblem;
    }
    if (!correctReason) errors.correctReason = 'Velg hvorfor tidspunktet rettes.';
    if (!stay || errors.correctTime || !correctReason) {
      return refuse(
        errors,
        errors.correctStay
          ? id('correct-stay')
          : errors.correctTime
            ? id('correct-time')
            : id('correct-reason'),
      );
    }
    const time = correctTime;
    const reason = correctReason;
    void run('correct', async () => {
      const result = await api.call(correctStay, {
        params: { unitId: unit.id, stayId: stay.stayId },
        body: { admittedAt: time, reason },
      });
      onChanged(result.unit);
      setCorrectStayId('');
      setCorrectTime('');
      setCorrectReason('');
      return `Innskrivingstidspunktet for oppholdet fra ${districtLabel(stay.referringDistrictCode)} er rettet til ${formatDateTime(instantOfLocal(time)?.toISOString())} (${CORRECTION_REASON_NAMES[reason].toLowerCase()}).`;
    });
  };

  const census = (occupied: number, blocked: number, confirm: boolean) =>
    run(confirm ? 'confirm' : 'census', async () => {
      const result = await api.call(
        reportCensus,
        { params: { unitId: unit.id }, body: { occupied, blocked } },
        { headers: { 'if-match': `"${unit.sequence}"` } },
      );
      onChanged(result.unit);
      return confirm
        ? `Tallene er bekreftet ${formatDateTime(result.unit.updatedAt)}.`
        : `Tellingen er registrert: ${result.unit.occupied} opptatt, ${result.unit.blocked} sperret.`;
    });

  const submitCensus = (event: FormEvent) => {
    event.preventDefault();
    void census(Number(censusOccupied), Number(censusBlocked), false);
  };

  return (
    <div className="unit-actions">
      <div aria-live="polite" ref={feedbackRef} tabIndex={-1} className="feedback" data-testid="feedback">
        <FeedbackView
          feedback={feedback}
          extra={
            feedback?.kind === 'error' && feedback.retryOverCapacity ? (
              <PktButton size="small" skin="secondary" onClick={() => void admit(true)}>
                Skriv inn likevel (overbelegg)
              </PktButton>
            ) : undefined
          }
        />
      </div>
      {details.state.status === 'error' && (
        <ErrorNotice error={details.state.error} what="Opphold og sperringer" onRetry={details.reload} />
      )}

      <div className="action-grid">
        <form
          className="action-card"
          aria-labelledby={id('admit-heading')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void admit(false);
          }}
        >
          <h3 id={id('admit-heading')}>Innskrivning</h3>
          <ChoiceSelect
            fullwidth
            id={id('admit-district')}
            label="Henvisende bydel"
            required
            requiredTag
            requiredText="Må fylles ut"
            value={referringDistrict}
            hasError={fieldErrors.district !== undefined}
            errorMessage={fieldErrors.district}
            onChange={(event) => {
              setReferringDistrict(event.target.value as DistrictCode | '');
              setFieldErrors(({ district: _cleared, ...rest }) => rest);
            }}
            placeholder="Velg bydel"
            options={DISTRICT_OPTIONS}
          />
          <PktTextinput
            fullwidth
            id={id('admit-planned')}
            label="Planlagt utskrivingsdato"
            optionalTag
            optionalText="Valgfritt"
            type="date"
            min={today}
            max={addDays(today, MAX_PLANNED_STAY_DAYS)}
            helptext="Brukes i prognosen for ledige plasser. Kan ikke være før i dag."
            value={plannedDate}
            hasError={fieldErrors.planned !== undefined}
            errorMessage={fieldErrors.planned}
            onChange={(event) => {
              setPlannedDate(event.target.value);
              setFieldErrors(({ planned: _cleared, ...rest }) => rest);
            }}
          />
          <EffectiveTimeField
            id={id('admit-time')}
            value={admitTime}
            error={fieldErrors.admitTime}
            onChange={(value) => {
              setAdmitTime(value);
              clearError('admitTime');
            }}
          />
          <PktButton type="submit" disabled={busy !== null}>
            {busy === 'admit' ? 'Skriver inn …' : 'Skriv inn'}
          </PktButton>
          {reservations.length > 0 && (
            <>
              <h4>Reservasjoner</h4>
              <ul className="plain-list" data-testid={`reservations-${unit.id}`}>
                {reservations.map((r) => (
                  <li key={r.id} data-testid={`reservation-${r.id}`}>
                    {districtLabel(r.districtCode)}, til {formatDateTime(r.expiresAt)}{' '}
                    <PktButton
                      size="small"
                      skin="secondary"
                      disabled={busy !== null}
                      onClick={() => void admitFromReservation(r.id, r.districtCode)}
                      aria-label={`Skriv inn fra reservasjonen for ${districtLabel(r.districtCode)}`}
                    >
                      {busy === `admit-${r.id}` ? 'Skriver inn …' : 'Skriv inn fra reservasjon'}
                    </PktButton>
                  </li>
                ))}
              </ul>
            </>
          )}
        </form>

        <form
          className="action-card"
          aria-labelledby={id('discharge-heading')}
          onSubmit={discharge}
          noValidate
        >
          <h3 id={id('discharge-heading')} tabIndex={-1}>
            Utskrivning
          </h3>
          {stays.length === 0 ? (
            <p className="muted">Ingen åpne opphold på enheten.</p>
          ) : (
            <>
              <fieldset
                className="plain-fieldset stay-choice"
                data-testid={`stays-${unit.id}`}
                aria-describedby={fieldErrors.stay ? id('discharge-stay-error') : undefined}
              >
                <legend>Opphold som avsluttes</legend>
                <p className="muted">Eldste innskrivning først.</p>
                {fieldErrors.stay && (
                  <p className="error-text" id={id('discharge-stay-error')}>
                    {fieldErrors.stay}
                  </p>
                )}
                {stays.map((stay) => (
                  <PktRadioButton
                    key={stay.stayId}
                    id={id(`discharge-stay-${stay.stayId}`)}
                    name={id('discharge-stay')}
                    value={stay.stayId}
                    label={stayLabel(stay)}
                    checkHelptext={stayDetails(stay)}
                    checked={chosenStay?.stayId === stay.stayId}
                    hasError={fieldErrors.stay !== undefined}
                    onChange={() => {
                      setStayId(stay.stayId);
                      setFieldErrors(({ stay: _cleared, ...rest }) => rest);
                    }}
                  />
                ))}
              </fieldset>
              <PktSelect
                fullwidth
                id={id('discharge-reason')}
                label="Årsak"
                value={dischargeReason}
                onChange={(event) => setDischargeReason(event.target.value as DischargeReason)}
              >
                {DISCHARGE_REASONS.map((reason) => (
                  <option key={reason} value={reason}>
                    {DISCHARGE_REASON_LABELS[reason]}
                  </option>
                ))}
              </PktSelect>
              <EffectiveTimeField
                id={id('discharge-time')}
                value={dischargeTime}
                error={fieldErrors.dischargeTime}
                onChange={(value) => {
                  setDischargeTime(value);
                  clearError('dischargeTime');
                }}
              />
              <PktButton type="submit" disabled={busy !== null}>
                {busy === 'discharge' ? 'Skriver ut …' : 'Skriv ut'}
              </PktButton>
            </>
          )}
        </form>

        {stays.length > 0 && (
          <form className="action-card" aria-labelledby={id('correct-heading')} onSubmit={correct} noValidate>
            <h3 id={id('correct-heading')}>Rett tidspunkt</h3>
            <p className="muted">
              Ble en innskrivning ført med feil tidspunkt? Rett det her; antallet opptatte plasser endres
              ikke.
            </p>
            <ChoiceSelect
              fullwidth
              id={id('correct-stay')}
              label="Opphold"
              required
              requiredTag
              requiredText="Må fylles ut"
              value={correctStayId}
              hasError={fieldErrors.correctStay !== undefined}
              errorMessage={fieldErrors.correctStay}
              onChange={(event) => {
                setCorrectStayId(event.target.value);
                clearError('correctStay');
              }}
              placeholder="Velg opphold"
              options={stays.map((stay) => ({
                value: stay.stayId,
                label: `Innskrevet ${formatDateTime(stay.admittedAt)} · ${districtLabel(stay.referringDistrictCode)}`,
              }))}
            />
            <EffectiveTimeField
              id={id('correct-time')}
              label="Riktig innskrivingstidspunkt"
              required
              value={correctTime}
              error={fieldErrors.correctTime}
              onChange={(value) => {
                setCorrectTime(value);
                clearError('correctTime');
              }}
            />
            <ChoiceSelect
              fullwidth
              id={id('correct-reason')}
              label="Årsak til rettingen"
              required
              requiredTag
              requiredText="Må fylles ut"
              value={correctReason}
              hasError={fieldErrors.correctReason !== undefined}
              errorMessage={fieldErrors.correctReason}
              onChange={(event) => {
                setCorrectReason(event.target.value as CorrectionReason | '');
                clearError('correctReason');
              }}
              placeholder="Velg årsak"
              options={CORRECTION_REASONS.map((reason) => ({
                value: reason,
                label: CORRECTION_REASON_NAMES[reason],
              }))}
            />
            <PktButton type="submit" disabled={busy !== null}>
              {busy === 'correct' ? 'Retter …' : 'Rett tidspunkt'}
            </PktButton>
          </form>
        )}

        <form className="action-card" aria-labelledby={id('block-heading')} onSubmit={block}>
          <h3 id={id('block-heading')}>Sperr plasser</h3>
          <PktTextinput
            fullwidth
            id={id('block-places')}
            label="Antall plasser"
            type="number"
            min={1}
            max={Math.max(1, unit.capacity)}
            inputMode="numeric"
            value={placesToBlock}
            onChange={(event) => setPlacesToBlock(event.target.value)}
            required
          />
          <PktSelect
            fullwidth
            id={id('block-reason')}
            label="Årsak"
            value={blockReason}
            onChange={(event) => setBlockReason(event.target.value as BlockReason)}
          >
            {BLOCK_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {BLOCK_REASON_LABELS[reason]}
              </option>
            ))}
          </PktSelect>
          <EffectiveTimeField
            id={id('block-time')}
            value={blockTime}
            error={fieldErrors.blockTime}
            onChange={(value) => {
              setBlockTime(value);
              clearError('blockTime');
            }}
          />
          <PktButton type="submit" disabled={busy !== null}>
            {busy === 'block' ? 'Sperrer …' : 'Sperr'}
          </PktButton>
          {blocks.length > 0 && (
            <>
              <h4>Sperringer nå</h4>
              <EffectiveTimeField
                id={id('lift-time')}
                label="Tidspunkt for oppheving"
                value={liftTime}
                error={fieldErrors.liftTime}
                onChange={(value) => {
                  setLiftTime(value);
                  clearError('liftTime');
                }}
              />
              <ul className="plain-list">
                {blocks.map((b) => (
                  <li key={b.id}>
                    {b.places} {b.places === 1 ? 'plass' : 'plasser'} –{' '}
                    {b.reason ? BLOCK_REASON_LABELS[b.reason] : 'fra telling'}
                    {b.until ? `, til ${formatDateTime(b.until)}` : ''}{' '}
                    <PktButton
                      size="small"
                      skin="tertiary"
                      disabled={busy !== null}
                      onClick={() => unblock(b.id, { at: b.createdAt, what: 'starten på sperringen' })}
                      aria-label={`Opphev sperring av ${b.places} ${b.places === 1 ? 'plass' : 'plasser'}`}
                    >
                      Opphev
                    </PktButton>
                  </li>
                ))}
              </ul>
            </>
          )}
        </form>

        <form className="action-card" aria-labelledby={id('census-heading')} onSubmit={submitCensus}>
          <h3 id={id('census-heading')}>Telling</h3>
          <p className="muted">Rapporter hvor mange plasser som faktisk er opptatt og sperret nå.</p>
          <p className="muted" id={id('confirm-help')}>
            «Bekreft tallene» sender tallene slik de står nå, som en bekreftelse på at de stemmer.
          </p>
          <PktTextinput
            fullwidth
            id={id('census-occupied')}
            label="Opptatt nå"
            type="number"
            min={0}
            inputMode="numeric"
            value={censusOccupied}
            onChange={(event) => setCensusOccupied(event.target.value)}
            required
          />
          <PktTextinput
            fullwidth
            id={id('census-blocked')}
            label="Sperret nå"
            type="number"
            min={0}
            inputMode="numeric"
            value={censusBlocked}
            onChange={(event) => setCensusBlocked(event.target.value)}
            required
          />
          <div className="button-row">
            <PktButton type="submit" disabled={busy !== null}>
              {busy === 'census' ? 'Sender …' : 'Send telling'}
            </PktButton>
            <PktButton
              type="button"
              skin="secondary"
              disabled={busy !== null}
              onClick={() => void census(unit.occupied, unit.blocked, true)}
              aria-describedby={id('confirm-help')}
            >
              {busy === 'confirm' ? 'Bekrefter …' : 'Bekreft tallene'}
            </PktButton>
          </div>
        </form>
      </div>
    </div>
  );
}
