/**
 * Demo data for Oslo's substance-use institutions (VEL rusinstitusjoner).
 *
 * The totals match the published figures in shared/domain/OSLO.md: 490 places at 01.01.2026, of which
 * 146 are bought from non-profit providers (ideelle) and 26 are acute places in egenregi (Prindsen
 * mottakssenter and Thereses hus). The sources publish totals, not each unit's size: THE SPLIT ACROSS
 * INSTITUTIONS AND UNITS BELOW IS ILLUSTRATIVE, and the non-profit institutions' names are invented.
 * Occupancy targets follow the 2024 rates per category (87 % overall, 66 % in resource centres,
 * high in assessment units, care centres for active use and reinforced residential treatment).
 * The few blocked and reserved places at the end are illustrative too: they show those states live.
 */
import type { BlockReason, DistrictCode, ProviderType, ServiceCategoryCode } from '@plass/domain';

export interface DemoUnit {
  name: string;
  category: ServiceCategoryCode;
  capacity: number;
}

export interface DemoInstitution {
  name: string;
  providerType: ProviderType;
  districtCode: DistrictCode;
  units: DemoUnit[];
}

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    name: 'Prindsen mottakssenter',
    providerType: 'municipal',
    districtCode: '030101',
    units: [
      { name: 'Akuttavdelingen', category: 'acute', capacity: 16 },
      { name: 'Utredningsavdelingen', category: 'assessment-active', capacity: 38 },
    ],
  },
  {
    name: 'Thereses hus',
    providerType: 'municipal',
    districtCode: '030102',
    units: [
      { name: 'Akuttplasser', category: 'acute', capacity: 10 },
      { name: 'Utredning', category: 'assessment-active', capacity: 12 },
    ],
  },
  {
    name: 'Holmen',
    providerType: 'municipal',
    districtCode: '030107',
    units: [
      { name: 'Korttid rusfri', category: 'assessment-drugfree', capacity: 20 },
      { name: 'Ressurssenteret', category: 'resource-centre', capacity: 32 },
    ],
  },
  {
    name: 'Fagerborg',
    providerType: 'municipal',
    districtCode: '030104',
    units: [
      { name: 'Mestringsenheten', category: 'coping', capacity: 24 },
      { name: 'Korttidsavdelingen', category: 'assessment-drugfree', capacity: 12 },
    ],
  },
  {
    name: 'Dalsbergstiens hus',
    providerType: 'municipal',
    districtCode: '030104',
    units: [{ name: 'Omsorgssenteret', category: 'care-active', capacity: 40 }],
  },
  {
    name: 'Ljabruveien boliger',
    providerType: 'municipal',
    districtCode: '030114',
    units: [{ name: 'Forsterket bo- og behandling', category: 'reinforced-residential', capacity: 32 }],
  },
  {
    name: 'Adamstuen',
    providerType: 'municipal',
    districtCode: '030104',
    units: [{ name: 'Forsterket omsorg', category: 'reinforced-care', capacity: 30 }],
  },
  {
    name: 'Østensjøveien',
    providerType: 'municipal',
    districtCode: '030113',
    units: [{ name: 'Omsorgssenter rusfritt', category: 'care-drugfree', capacity: 26 }],
  },
  {
    name: 'Valle bosenter',
    providerType: 'municipal',
    districtCode: '030101',
    units: [
      { name: 'Aktiv rus', category: 'care-active', capacity: 36 },
      { name: 'Rusfri fløy', category: 'care-drugfree', capacity: 16 },
    ],
  },
  {
    name: 'Ideelt ressurssenter Grorud',
    providerType: 'nonprofit',
    districtCode: '030110',
    units: [{ name: 'Ressurssenteret', category: 'resource-centre', capacity: 28 }],
  },
  {
    name: 'Ideelt omsorgssenter Sagene',
    providerType: 'nonprofit',
    districtCode: '030103',
    units: [{ name: 'Omsorgssenteret', category: 'care-active', capacity: 34 }],
  },
  {
    name: 'Ideell korttidsenhet Frogner',
    providerType: 'nonprofit',
    districtCode: '030105',
    units: [{ name: 'Korttid rusfri', category: 'assessment-drugfree', capacity: 24 }],
  },
  {
    name: 'Ideell mestringsenhet Stovner',
    providerType: 'nonprofit',
    districtCode: '030111',
    units: [{ name: 'Mestringsenheten', category: 'coping', capacity: 20 }],
  },
  {
    name: 'Ideelt omsorgssenter Nordstrand',
    providerType: 'nonprofit',
    districtCode: '030114',
    units: [{ name: 'Rusfritt omsorgssenter', category: 'care-drugfree', capacity: 22 }],
  },
  {
    name: 'Ideell forsterket omsorg Bjerke',
    providerType: 'nonprofit',
    districtCode: '030109',
    units: [{ name: 'Forsterket omsorg', category: 'reinforced-care', capacity: 18 }],
  },
];

/** Target occupancy per category, after the 2024 rates (beleggsprosent). */
export const DEMO_OCCUPANCY: Record<ServiceCategoryCode, number> = {
  acute: 0.88,
  'assessment-active': 0.95,
  'assessment-drugfree': 0.85,
  coping: 0.86,
  'resource-centre': 0.66,
  'care-drugfree': 0.86,
  'care-active': 0.95,
  'reinforced-care': 0.9,
  'reinforced-residential': 0.94,
};

/** Places out of use in the demo (by institution and unit name); `untilDays` releases them by themselves. */
export interface DemoBlock {
  institution: string;
  unit: string;
  places: number;
  reason: BlockReason;
  untilDays?: number;
}

export const DEMO_BLOCKS: DemoBlock[] = [
  { institution: 'Holmen', unit: 'Ressurssenteret', places: 2, reason: 'maintenance', untilDays: 14 },
  { institution: 'Valle bosenter', unit: 'Aktiv rus', places: 1, reason: 'safety' },
];

/** Places held for a district's referral in the demo; they expire by themselves after `expiresInDays`. */
export interface DemoReservation {
  institution: string;
  unit: string;
  districtCode: DistrictCode;
  expiresInDays: number;
}

export const DEMO_RESERVATIONS: DemoReservation[] = [
  { institution: 'Fagerborg', unit: 'Mestringsenheten', districtCode: '030102', expiresInDays: 3 },
  {
    institution: 'Ideelt ressurssenter Grorud',
    unit: 'Ressurssenteret',
    districtCode: '030110',
    expiresInDays: 5,
  },
];
