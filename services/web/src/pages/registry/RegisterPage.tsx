/**
 * Register (admin): the institutions and their units, and everything the registry does with them:
 * register an institution or a unit, rename either, change a unit's approved places with a reason, set its
 * features, close it (after a confirmation) and reopen it. Every refusal is the problem in bokmål.
 */
import { PktButton, PktSelect, PktTextinput } from '@oslokommune/punkt-react';
import {
  listInstitutions,
  registerInstitution,
  type InstitutionDto,
  type UnitDto,
} from '@plass/contracts/rest';
import { PROVIDER_TYPES, type DistrictCode, type ProviderType } from '@plass/domain';
import { useState, type FormEvent } from 'react';
import { useResource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ResourceView } from '../../components/Resource';
import { DISTRICT_OPTIONS, districtLabel, PROVIDER_TYPE_LABELS } from '../../labels';
import { useLiveScopes } from '../../live/live';
import { FeedbackView, useActionRunner } from './feedback';
import { InstitutionRegistry } from './InstitutionRegistry';
import './registry.css';
import { ChoiceSelect, choicesOf } from '../../components/ChoiceSelect';
import { useThrottled } from '../../hooks/use-throttled';

function NewInstitutionForm({ onRegistered }: { onRegistered: (institution: InstitutionDto) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [providerType, setProviderType] = useState<ProviderType | ''>('');
  const [districtCode, setDistrictCode] = useState<DistrictCode | ''>('');
  const runner = useActionRunner();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !providerType || !districtCode) {
      runner.fail('Fyll ut navn, velg type tilbyder og velg bydel.');
      return;
    }
    void runner.run('register', 'Registrering av institusjon', async () => {
      const institution = await api.call(registerInstitution, {
        body: { name: name.trim(), providerType, districtCode },
      });
      onRegistered(institution);
      setName('');
      setProviderType('');
      setDistrictCode('');
      return `Institusjonen ${institution.name} er registrert i ${districtLabel(institution.districtCode)}.`;
    });
  };

  return (
    <form noValidate className="action-card" aria-labelledby="new-institution-heading" onSubmit={submit}>
      <h2 id="new-institution-heading">Registrer institusjon</h2>
      <FeedbackView runner={runner} testId="new-institution" />
      <PktTextinput
        fullwidth
        id="new-institution-name"
        label="Navn på institusjonen"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        maxLength={200}
        autoComplete="off"
      />
      <ChoiceSelect
        fullwidth
        id="new-institution-provider"
        label="Type tilbyder"
        value={providerType}
        onChange={(event) => setProviderType(event.target.value as ProviderType | '')}
        required
        placeholder="Velg type tilbyder"
        options={choicesOf(PROVIDER_TYPES, PROVIDER_TYPE_LABELS)}
      />
      <ChoiceSelect
        fullwidth
        id="new-institution-district"
        label="Bydel der institusjonen ligger"
        value={districtCode}
        onChange={(event) => setDistrictCode(event.target.value as DistrictCode | '')}
        required
        placeholder="Velg bydel"
        options={DISTRICT_OPTIONS}
      />
      <PktButton type="submit" aria-disabled={runner.busy !== null}>
        {runner.busy === 'register' ? 'Registrerer …' : 'Registrer institusjon'}
      </PktButton>
    </form>
  );
}

export default function RegisterPage() {
  const [revision, setRevision] = useState(0);
  // Any change anywhere in the city (a census, an admission, a change of ours) refreshes the list.
  const city = useLiveScopes([{ scope: 'city' }]).get('city');
  const cityVersion = useThrottled(city?.version ?? 0);
  const institutions = useResource(`registry@${revision}@${cityVersion}`, (api, signal) =>
    api.call(listInstitutions, {}, { signal }),
  );
  const [selectedId, setSelectedId] = useState('');

  const replaceUnit = (unit: UnitDto) =>
    institutions.set((current) =>
      (current ?? []).map((i) =>
        i.id === unit.institutionId
          ? {
              ...i,
              units: i.units.some((u) => u.id === unit.id)
                ? i.units.map((u) => (u.id === unit.id ? unit : u))
                : [...i.units, unit],
            }
          : i,
      ),
    );
  const replaceInstitution = (institution: InstitutionDto) =>
    institutions.set((current) => {
      const list = current ?? [];
      return list.some((i) => i.id === institution.id)
        ? list.map((i) => (i.id === institution.id ? institution : i))
        : [...list, institution].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    });

  return (
    <>
      <PageTitle lead="Institusjoner og enheter: registrer, gi nytt navn, endre plasser og tilrettelegging, legg ned og gjenåpne.">
        Register
      </PageTitle>
      <div className="registry-layout">
        <NewInstitutionForm
          onRegistered={(institution) => {
            replaceInstitution(institution);
            setSelectedId(institution.id);
            setRevision((r) => r + 1);
          }}
        />
        <ResourceView resource={institutions} what="Institusjonene">
          {(list) => {
            const selected = list.find((i) => i.id === selectedId) ?? list[0];
            return (
              <section className="section registry-main" aria-labelledby="registry-list-heading">
                <h2 id="registry-list-heading">Institusjoner</h2>
                <p className="muted" data-testid="registry-count">
                  {list.length} institusjoner,{' '}
                  {list.reduce((n, i) => n + i.units.filter((u) => !u.closed).length, 0)} enheter i drift.
                </p>
                {list.length === 0 ? (
                  <p>Ingen institusjoner er registrert ennå.</p>
                ) : (
                  <>
                    <div>
                      <PktSelect
                        id="registry-institution"
                        label="Institusjon"
                        value={selected?.id ?? ''}
                        onChange={(event) => setSelectedId(event.target.value)}
                      >
                        {list.map((i) => (
                          <option key={i.id} value={i.id}>
                            {i.name} ({districtLabel(i.districtCode)})
                          </option>
                        ))}
                      </PktSelect>
                    </div>
                    {selected && (
                      <InstitutionRegistry
                        key={selected.id}
                        institution={selected}
                        onInstitution={replaceInstitution}
                        onUnit={replaceUnit}
                      />
                    )}
                  </>
                )}
              </section>
            );
          }}
        </ResourceView>
      </div>
    </>
  );
}
