/**
 * The VEL institutions of the generated 2024 year. Names are those the sources give (OSLO.md); the sources
 * publish totals, not every unit's size, so the split of places across units is illustrative (ADR 0220).
 */
import type { DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';

export interface UnitSpec {
  readonly institution: string;
  readonly providerType: ProviderType;
  readonly districtCode: DistrictCode;
  readonly unitName: string;
  readonly category: ServiceCategoryCode;
  readonly places: number;
  /** Tenancy contracts (Ljabruveien boliger): residents cannot be discharged with immediate effect. */
  readonly noImmediateDischarge?: boolean;
}

/** Every unit opened before 2024; its capacity is the same all year. */
export const UNITS_OPENED_AT = '2015-01-01';

export const UNITS_2024: readonly UnitSpec[] = [
  {
    institution: 'Prindsen mottakssenter',
    providerType: 'municipal',
    districtCode: '030101',
    unitName: 'Akuttavdelingen',
    category: 'acute',
    places: 12,
  },
  {
    institution: 'Prindsen mottakssenter',
    providerType: 'municipal',
    districtCode: '030101',
    unitName: 'Utredningsavdelingen',
    category: 'assessment-active',
    places: 64,
  },
  {
    institution: 'Thereses hus',
    providerType: 'municipal',
    districtCode: '030102',
    unitName: 'Akuttplasser',
    category: 'acute',
    places: 8,
  },
  {
    institution: 'Thereses hus',
    providerType: 'municipal',
    districtCode: '030102',
    unitName: 'Utredning',
    category: 'assessment-active',
    places: 46,
  },
  {
    institution: 'Holmen',
    providerType: 'municipal',
    districtCode: '030107',
    unitName: 'Korttid rusfri',
    category: 'assessment-drugfree',
    places: 30,
  },
  {
    institution: 'Holmen',
    providerType: 'municipal',
    districtCode: '030107',
    unitName: 'Ressurssenteret',
    category: 'resource-centre',
    places: 31,
  },
  {
    institution: 'Fagerborg',
    providerType: 'municipal',
    districtCode: '030104',
    unitName: 'Korttidsavdelingen',
    category: 'assessment-drugfree',
    places: 24,
  },
  {
    institution: 'Fagerborg',
    providerType: 'municipal',
    districtCode: '030104',
    unitName: 'Mestringsenheten',
    category: 'coping',
    places: 40,
  },
  {
    institution: 'Exit mestringsenhet',
    providerType: 'municipal',
    districtCode: '030102',
    unitName: 'Mestringsenheten',
    category: 'coping',
    places: 8,
  },
  {
    institution: 'Østensjøveien mestringsenhet',
    providerType: 'municipal',
    districtCode: '030113',
    unitName: 'Mestringsenheten',
    category: 'coping',
    places: 34,
  },
  {
    institution: 'Haugenstua ressurssenter',
    providerType: 'municipal',
    districtCode: '030111',
    unitName: 'Ressurssenteret',
    category: 'resource-centre',
    places: 26,
  },
  {
    institution: 'Valle bosenter',
    providerType: 'municipal',
    districtCode: '030101',
    unitName: 'Ressurssenteret',
    category: 'resource-centre',
    places: 22,
  },
  {
    institution: 'Frelsesarmeens Bosatt',
    providerType: 'nonprofit',
    districtCode: '030101',
    unitName: 'Ressurssenteret',
    category: 'resource-centre',
    places: 22,
  },
  {
    institution: 'Dalsbergstiens hus',
    providerType: 'municipal',
    districtCode: '030104',
    unitName: 'Omsorgssenter rusfritt',
    category: 'care-drugfree',
    places: 26,
  },
  {
    institution: 'Adamstuen omsorgssenter',
    providerType: 'municipal',
    districtCode: '030104',
    unitName: 'Omsorgssenteret',
    category: 'care-active',
    places: 44,
  },
  {
    institution: 'Valle bosenter',
    providerType: 'municipal',
    districtCode: '030101',
    unitName: 'Aktiv rus',
    category: 'care-active',
    places: 36,
  },
  {
    institution: 'Ljabruveien boliger',
    providerType: 'municipal',
    districtCode: '030114',
    unitName: 'Forsterket bo- og behandling',
    category: 'reinforced-residential',
    places: 32,
    noImmediateDischarge: true,
  },
  {
    institution: 'Dalsbergstiens hus',
    providerType: 'municipal',
    districtCode: '030104',
    unitName: 'Forsterket bo- og behandling',
    category: 'reinforced-residential',
    places: 14,
  },
];
