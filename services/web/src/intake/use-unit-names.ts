/** Every unit's name and institution, to show where an offer is (a referral's offer carries only the unit id). */
import { listCapacityUnits } from '@plass/contracts/rest';
import { useResource } from '../api/use-resource';

export interface UnitName {
  name: string;
  institutionName: string;
}

export function useUnitNames(): Map<string, UnitName> {
  const units = useResource('unit-names', (api, signal) =>
    api.call(listCapacityUnits, { query: {} }, { signal }),
  );
  return new Map(
    (units.state.data ?? []).map((u) => [u.id, { name: u.name, institutionName: u.institutionName }]),
  );
}

export function unitLabel(names: Map<string, UnitName>, unitId: string): string {
  const unit = names.get(unitId);
  return unit ? `${unit.name}, ${unit.institutionName}` : 'Ukjent enhet';
}
