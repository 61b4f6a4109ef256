/**
 * What the administrator changes on one unit: its name, its approved places (with a reason), its features,
 * and closing (after a confirmation dialog) or reopening it.
 */
import { PktButton, PktCheckbox, PktTextinput } from '@oslokommune/punkt-react';
import {
  CAPACITY_CHANGE_REASONS,
  changeCapacity,
  closeUnit,
  renameUnit,
  reopenUnit,
  setUnitFeatures,
  type CapacityChangeReason,
  type UnitDto,
} from '@plass/contracts/rest';
import { REFERRAL_NEEDS, type UnitFeature } from '@plass/domain';
import { useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../auth/session';
import { CAPACITY_CHANGE_REASON_LABELS, categoryName, UNIT_FEATURE_LABELS } from '../../labels';
import { FeedbackView, useActionRunner } from './feedback';
import { ChoiceSelect, choicesOf } from '../../components/ChoiceSelect';
import { effectiveTimeNote, effectiveTimeProblem, osloNowLocal } from '../institution/effective-time';
import '../institution/effective-time.css';

export function UnitEditor({ unit, onUnit }: { unit: UnitDto; onUnit: (unit: UnitDto) => void }) {
  const api = useApi();
  const runner = useActionRunner();
  const [name, setName] = useState(unit.name);
  const [capacity, setCapacity] = useState(String(unit.capacity));
  const [reason, setReason] = useState<CapacityChangeReason | ''>('');
  const [capacityFrom, setCapacityFrom] = useState('');
  const [features, setFeatures] = useState<UnitFeature[]>(unit.features);
  const dialog = useRef<HTMLDialogElement>(null);

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return runner.fail('Skriv det nye navnet.');
    void runner.run('rename', 'Navneendringen', async () => {
      const result = await api.call(renameUnit, {
        params: { unitId: unit.id },
        body: { name: name.trim() },
      });
      onUnit(result.unit);
      return `Enheten heter nå ${result.unit.name}.`;
    });
  };

  const saveCapacity = (event: FormEvent) => {
    event.preventDefault();
    const places = Number(capacity);
    if (capacity === '' || !Number.isInteger(places) || places < 0 || !reason) {
      runner.fail('Skriv antall godkjente plasser (et helt tall, 0 eller mer) og velg årsak til endringen.');
      return;
    }
    const from = capacityFrom;
    const fromProblem = effectiveTimeProblem(from);
    if (fromProblem) return runner.fail(fromProblem);
    void runner.run('capacity', 'Endringen av plasser', async () => {
      const result = await api.call(changeCapacity, {
        params: { unitId: unit.id },
        body: { capacity: places, reason, ...(from ? { from } : {}) },
      });
      onUnit(result.unit);
      setReason('');
      setCapacityFrom('');
      return `Enheten har nå ${result.unit.capacity} godkjente plasser (${CAPACITY_CHANGE_REASON_LABELS[reason].toLowerCase()})${effectiveTimeNote(from)}. Ledige: ${result.unit.available}.`;
    });
  };

  const saveFeatures = (event: FormEvent) => {
    event.preventDefault();
    void runner.run('features', 'Endringen av tilrettelegging', async () => {
      const result = await api.call(setUnitFeatures, {
        params: { unitId: unit.id },
        body: { features },
      });
      onUnit(result.unit);
      return result.unit.features.length === 0
        ? 'Enheten har nå ingen særskilt tilrettelegging.'
        : `Enheten er nå tilrettelagt for: ${result.unit.features.map((f) => UNIT_FEATURE_LABELS[f].toLowerCase()).join(', ')}.`;
    });
  };

  const close = async () => {
    dialog.current?.close();
    await runner.run('close', 'Nedleggingen', async () => {
      const result = await api.call(closeUnit, { params: { unitId: unit.id } });
      onUnit(result.unit);
      return `Enheten ${result.unit.name} er lagt ned. Den teller ikke lenger med i plassoversikten.`;
    });
  };

  const reopen = () =>
    void runner.run('reopen', 'Gjenåpningen', async () => {
      const result = await api.call(reopenUnit, { params: { unitId: unit.id } });
      onUnit(result.unit);
      return `Enheten ${result.unit.name} er gjenåpnet med ${result.unit.capacity} plasser.`;
    });

  const id = (part: string) => `unit-${part}`;

  return (
    <section
      id="registry-unit-editor"
      className="registry-unit-editor"
      aria-labelledby={id('editor-heading')}
      data-testid={`unit-editor-${unit.id}`}
    >
      <h3 id={id('editor-heading')}>
        Endre {unit.name} <span className="muted">({categoryName(unit.category)})</span>
      </h3>
      <FeedbackView runner={runner} testId="unit-editor" />
      {unit.closed ? (
        <div className="action-card">
          <p>
            Enheten er lagt ned. Gjenåpne den for å ta den i bruk igjen, tom, med {unit.capacity} plasser.
          </p>
          <PktButton type="button" aria-disabled={runner.busy !== null} onClick={reopen}>
            {runner.busy === 'reopen' ? 'Gjenåpner …' : 'Gjenåpne enheten'}
          </PktButton>
        </div>
      ) : (
        <div className="action-grid">
          <form noValidate className="action-card" aria-labelledby={id('rename-heading')} onSubmit={rename}>
            <h4 id={id('rename-heading')}>Nytt navn</h4>
            <PktTextinput
              fullwidth
              id={id('rename-name')}
              label="Navn på enheten"
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={200}
              autoComplete="off"
            />
            <PktButton type="submit" skin="secondary" aria-disabled={runner.busy !== null}>
              {runner.busy === 'rename' ? 'Lagrer …' : 'Lagre navn'}
            </PktButton>
          </form>

          <form
            noValidate
            className="action-card"
            aria-labelledby={id('capacity-heading')}
            onSubmit={saveCapacity}
          >
            <h4 id={id('capacity-heading')}>Godkjente plasser</h4>
            <PktTextinput
              fullwidth
              id={id('capacity')}
              label="Antall godkjente plasser"
              type="number"
              min={0}
              max={1000}
              inputMode="numeric"
              value={capacity}
              onChange={(event) => setCapacity(event.target.value)}
              required
            />
            <ChoiceSelect
              fullwidth
              id={id('capacity-reason')}
              label="Årsak til endringen"
              value={reason}
              onChange={(event) => setReason(event.target.value as CapacityChangeReason | '')}
              required
              placeholder="Velg årsak"
              options={choicesOf(CAPACITY_CHANGE_REASONS, CAPACITY_CHANGE_REASON_LABELS)}
            />
            <PktTextinput
              fullwidth
              id={id('capacity-from')}
              label="Tidspunkt"
              type="datetime-local"
              optionalTag
              optionalText="Valgfritt"
              max={osloNowLocal()}
              helptext="La feltet stå tomt når endringen gjelder fra nå. Et tidligere tidspunkt (norsk tid) fører den tilbake i tid."
              value={capacityFrom}
              onChange={(event) => setCapacityFrom(event.target.value)}
            />
            <PktButton type="submit" aria-disabled={runner.busy !== null}>
              {runner.busy === 'capacity' ? 'Lagrer …' : 'Lagre plasser'}
            </PktButton>
          </form>

          <form
            noValidate
            className="action-card"
            aria-labelledby={id('features-heading')}
            onSubmit={saveFeatures}
          >
            <h4 id={id('features-heading')}>Tilrettelegging</h4>
            <fieldset className="plain-fieldset">
              <legend>Enheten er tilrettelagt for</legend>
              {REFERRAL_NEEDS.map((feature) => (
                <PktCheckbox
                  key={feature}
                  id={id(`feature-${feature}`)}
                  label={UNIT_FEATURE_LABELS[feature]}
                  checked={features.includes(feature)}
                  onChange={(event) =>
                    setFeatures((current) =>
                      event.target.checked ? [...current, feature] : current.filter((f) => f !== feature),
                    )
                  }
                />
              ))}
            </fieldset>
            <PktButton type="submit" skin="secondary" aria-disabled={runner.busy !== null}>
              {runner.busy === 'features' ? 'Lagrer …' : 'Lagre tilrettelegging'}
            </PktButton>
          </form>

          <div className="action-card">
            <h4>Legg ned</h4>
            <p className="muted">
              Bare en tom enhet kan legges ned. Sperringer og reservasjoner avsluttes. Enheten kan gjenåpnes
              senere.
            </p>
            <PktButton
              type="button"
              skin="secondary"
              aria-disabled={runner.busy !== null}
              onClick={() => dialog.current?.showModal()}
            >
              {runner.busy === 'close' ? 'Legger ned …' : 'Legg ned enheten'}
            </PktButton>
          </div>
        </div>
      )}
      <dialog
        ref={dialog}
        className="registry-dialog"
        aria-labelledby={id('close-dialog-heading')}
        aria-describedby={id('close-dialog-text')}
      >
        <h2 id={id('close-dialog-heading')}>Legge ned {unit.name}?</h2>
        <p id={id('close-dialog-text')}>
          Enheten tas ut av plassoversikten. Det går bare når ingen bor der. Du kan gjenåpne den senere.
        </p>
        <div className="button-row">
          <PktButton type="button" onClick={() => void close()}>
            Ja, legg ned
          </PktButton>
          <PktButton type="button" skin="secondary" onClick={() => dialog.current?.close()}>
            Avbryt
          </PktButton>
        </div>
      </dialog>
    </section>
  );
}
