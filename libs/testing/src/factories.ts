/** Fluent builders for request bodies, so tests say only what matters to them. */
import {
  createEvent,
  UNIT_OCCUPANCY_CHANGED,
  UNIT_OCCUPANCY_CHANGED_SCHEMA,
  type RegisterInstitutionBody,
  type RegisterUnitBody,
} from '@plass/contracts';
import type { DistrictCode, ProviderType, ServiceCategoryCode, UnitFeature } from '@plass/domain';

let counter = 0;
const next = () => ++counter;

export function institutionFactory() {
  const body: RegisterInstitutionBody = {
    name: `Testinstitusjon ${next()}`,
    providerType: 'municipal',
    districtCode: '030101',
  };
  const builder = {
    name: (name: string) => ((body.name = name), builder),
    providerType: (providerType: ProviderType) => ((body.providerType = providerType), builder),
    district: (districtCode: DistrictCode) => ((body.districtCode = districtCode), builder),
    build: (): RegisterInstitutionBody => ({ ...body }),
  };
  return builder;
}

export function unitFactory() {
  const body: RegisterUnitBody = {
    name: `Avdeling ${next()}`,
    category: 'acute',
    capacity: 8,
    features: [],
  };
  const builder = {
    name: (name: string) => ((body.name = name), builder),
    category: (category: ServiceCategoryCode) => ((body.category = category), builder),
    capacity: (capacity: number) => ((body.capacity = capacity), builder),
    features: (...features: UnitFeature[]) => ((body.features = features), builder),
    build: (): RegisterUnitBody => ({ ...body }),
  };
  return builder;
}

export interface OccupancyEventOptions {
  unitId: string;
  institutionId: string;
  sequence: number;
  occupied: number;
  unitName?: string;
}

/**
 * A `unit.occupancy-changed` event of a resource-centre unit with ten places, as the institution service
 * would send it (`registered` at sequence 1, an admission after), for tests that put events on the bus
 * themselves.
 */
export function occupancyChangedEvent(options: OccupancyEventOptions) {
  const { unitId, institutionId, sequence, occupied } = options;
  return createEvent({
    source: '/institution-service',
    type: UNIT_OCCUPANCY_CHANGED,
    subject: unitId,
    sequence,
    dataschema: UNIT_OCCUPANCY_CHANGED_SCHEMA,
    data: {
      unitId,
      unitName: options.unitName ?? 'Avdeling 1',
      institutionId,
      institutionName: 'Holmen',
      category: 'resource-centre' as const,
      providerType: 'municipal' as const,
      districtCode: '030107' as const,
      capacity: 10,
      occupied,
      blocked: 0,
      reserved: 0,
      available: 10 - occupied,
      closed: false,
      change: { kind: sequence === 1 ? ('registered' as const) : ('admission' as const) },
    },
  });
}
