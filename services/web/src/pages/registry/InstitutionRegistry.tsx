/** One institution on the Register page: rename it, register a unit, its units, and the chosen unit's editor. */
import { PktButton, PktTextinput } from '@oslokommune/punkt-react';
import { registerUnit, renameInstitution, type InstitutionDto, type UnitDto } from '@plass/contracts/rest';
import type { ServiceCategoryCode } from '@plass/domain';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/session';
import { UnitFeatures } from '../../components/UnitFeatures';
import { formatCount } from '../../format';
import { CATEGORY_OPTIONS, categoryName, districtLabel, PROVIDER_TYPE_LABELS } from '../../labels';
import { FeedbackView, useActionRunner } from './feedback';
import { UnitEditor } from './UnitEditor';
import { ChoiceSelect } from '../../components/ChoiceSelect';

function RenameInstitutionForm({
  institution,
  onInstitution,
}: {
  institution: InstitutionDto;
  onInstitution: (institution: InstitutionDto) => void;
}) {
  const api = useApi();
  const [name, setName] = useState(institution.name);
  const runner = useActionRunner();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return runner.fail('Skriv det nye navnet.');
    void runner.run('rename', 'Navneendringen', async () => {
      const renamed = await api.call(renameInstitution, {
        params: { id: institution.id },
        body: { name: name.trim() },
      });
      onInstitution(renamed);
      return `Institusjonen heter nå ${renamed.name}.`;
    });
  };
  return (
    <form noValidate className="action-card" aria-labelledby="rename-institution-heading" onSubmit={submit}>
      <h3 id="rename-institution-heading">Nytt navn på institusjonen</h3>
      <FeedbackView runner={runner} testId="rename-institution" />
      <PktTextinput
        fullwidth
        id="rename-institution-name"
        label="Navn"
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
  );
}

function NewUnitForm({
  institution,
  onUnit,
}: {
  institution: InstitutionDto;
  onUnit: (unit: UnitDto) => void;
}) {
  const api = useApi();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<ServiceCategoryCode | ''>('');
  const [capacity, setCapacity] = useState('');
  const runner = useActionRunner();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const places = Number(capacity);
    if (!name.trim() || !category || capacity === '' || !Number.isInteger(places) || places < 0) {
      runner.fail('Fyll ut navn, velg tjenestekategori og skriv antall plasser (et helt tall, 0 eller mer).');
      return;
    }
    void runner.run('register', 'Registrering av enhet', async () => {
      const unit = await api.call(registerUnit, {
        params: { id: institution.id },
        body: { name: name.trim(), category, capacity: places, features: [] },
      });
      onUnit(unit);
      setName('');
      setCategory('');
      setCapacity('');
      return `Enheten ${unit.name} er registrert med ${unit.capacity} plasser.`;
    });
  };
  return (
    <form noValidate className="action-card" aria-labelledby="new-unit-heading" onSubmit={submit}>
      <h3 id="new-unit-heading">Registrer enhet</h3>
      <FeedbackView runner={runner} testId="new-unit" />
      <PktTextinput
        fullwidth
        id="new-unit-name"
        label="Navn på enheten"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        maxLength={200}
        autoComplete="off"
      />
      <ChoiceSelect
        fullwidth
        id="new-unit-category"
        label="Tjenestekategori"
        value={category}
        onChange={(event) => setCategory(event.target.value as ServiceCategoryCode | '')}
        required
        placeholder="Velg kategori"
        options={CATEGORY_OPTIONS}
      />
      <PktTextinput
        fullwidth
        id="new-unit-capacity"
        label="Godkjente plasser"
        type="number"
        min={0}
        max={1000}
        inputMode="numeric"
        value={capacity}
        onChange={(event) => setCapacity(event.target.value)}
        required
      />
      <PktButton type="submit" aria-disabled={runner.busy !== null}>
        {runner.busy === 'register' ? 'Registrerer …' : 'Registrer enhet'}
      </PktButton>
    </form>
  );
}

export function InstitutionRegistry({
  institution,
  onInstitution,
  onUnit,
}: {
  institution: InstitutionDto;
  onInstitution: (institution: InstitutionDto) => void;
  onUnit: (unit: UnitDto) => void;
}) {
  const [unitId, setUnitId] = useState<string | null>(null);
  const units = [...institution.units].sort(
    (a, b) => Number(a.closed) - Number(b.closed) || a.name.localeCompare(b.name, 'nb'),
  );
  const selected = units.find((u) => u.id === unitId);

  return (
    <div className="registry-institution" data-testid={`registry-institution-${institution.id}`}>
      <h3 className="registry-institution-name">{institution.name}</h3>
      <p className="muted">
        {PROVIDER_TYPE_LABELS[institution.providerType]} · {districtLabel(institution.districtCode)}
      </p>
      {units.length === 0 ? (
        <p>Institusjonen har ingen enheter ennå.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Enhetene, kan rulles sideveis">
          <table
            className="pkt-table pkt-table--compact numbers registry-units stacked-table"
            data-testid="registry-units"
          >
            <caption>Enhetene ved {institution.name}</caption>
            <thead>
              <tr>
                <th scope="col">Enhet</th>
                <th scope="col" className="text">
                  Tjenestekategori
                </th>
                <th scope="col">Plasser</th>
                <th scope="col">Opptatt</th>
                <th scope="col">Ledige</th>
                <th scope="col" className="text">
                  Status
                </th>
                <th scope="col" className="text">
                  <span className="pkt-sr-only">Handling</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((unit) => (
                <tr
                  key={unit.id}
                  data-testid={`registry-unit-${unit.id}`}
                  aria-current={unit.id === selected?.id ? 'true' : undefined}
                >
                  <th scope="row">
                    {unit.name}
                    <UnitFeatures features={unit.features} />
                  </th>
                  <td className="text" data-label="Tjenestekategori">
                    {categoryName(unit.category)}
                  </td>
                  <td data-label="Plasser" data-testid={`registry-capacity-${unit.id}`}>
                    {formatCount(unit.capacity)}
                  </td>
                  <td data-label="Opptatt">{formatCount(unit.occupied)}</td>
                  <td data-label="Ledige">{formatCount(unit.available)}</td>
                  <td className="text" data-label="Status" data-testid={`registry-status-${unit.id}`}>
                    {unit.closed ? 'Lagt ned' : 'I drift'}
                  </td>
                  <td className="text">
                    <PktButton
                      size="small"
                      skin="tertiary"
                      onClick={() => setUnitId(unit.id === unitId ? null : unit.id)}
                      aria-expanded={unit.id === unitId}
                      aria-controls="registry-unit-editor"
                      aria-label={`${unit.id === unitId ? 'Lukk endring av' : 'Endre'} ${unit.name}`}
                    >
                      {unit.id === unitId ? 'Lukk' : 'Endre'}
                    </PktButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <UnitEditor key={selected.id} unit={selected} onUnit={onUnit} />}
      <div className="action-grid">
        <NewUnitForm institution={institution} onUnit={onUnit} />
        <RenameInstitutionForm institution={institution} onInstitution={onInstitution} />
      </div>
    </div>
  );
}
