/** Fluent builders for request bodies, so tests say only what matters to them. */
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';

export interface InstitutionBody {
  name: string;
  providerType: ProviderType;
  districtCode: DistrictCode;
}

export interface UnitBody {
  name: string;
  category: ServiceCategoryCode;
  capacity: number;
}

let counter = 0;
const next = () => ++counter;

export function institutionFactory() {
  const body: InstitutionBody = {
    name: `Testinstitusjon ${next()}`,
    providerType: 'municipal',
    districtCode: '030101',
  };
  const builder = {
    name: (name: string) => ((body.name = name), builder),
    providerType: (providerType: ProviderType) => ((body.providerType = providerType), builder),
    district: (districtCode: DistrictCode) => ((body.districtCode = districtCode), builder),
    build: (): InstitutionBody => ({ ...body }),
  };
  return builder;
}

export function unitFactory() {
  const body: UnitBody = { name: `Avdeling ${next()}`, category: 'acute', capacity: 8 };
  const builder = {
    name: (name: string) => ((body.name = name), builder),
    category: (category: ServiceCategoryCode) => ((body.category = category), builder),
    capacity: (capacity: number) => ((body.capacity = capacity), builder),
    build: (): UnitBody => ({ ...body }),
  };
  return builder;
}
