/** Oslo's districts (bydeler) by SSB number, plus Sentrum, Marka and "utenbys" (no Oslo address). */
export interface District {
  readonly code: string;
  readonly name: string;
  /** Adults 18+ at 01.01.2025; null where SSB publishes no figure. */
  readonly adults: number | null;
}

export const DISTRICTS = [
  { code: '030101', name: 'Gamle Oslo', adults: 54_601 },
  { code: '030102', name: 'Grünerløkka', adults: 57_596 },
  { code: '030103', name: 'Sagene', adults: 41_501 },
  { code: '030104', name: 'St. Hanshaugen', adults: 35_525 },
  { code: '030105', name: 'Frogner', adults: 54_207 },
  { code: '030106', name: 'Ullern', adults: 28_531 },
  { code: '030107', name: 'Vestre Aker', adults: 40_078 },
  { code: '030108', name: 'Nordre Aker', adults: 43_398 },
  { code: '030109', name: 'Bjerke', adults: 28_804 },
  { code: '030110', name: 'Grorud', adults: 22_619 },
  { code: '030111', name: 'Stovner', adults: 26_938 },
  { code: '030112', name: 'Alna', adults: 40_126 },
  { code: '030113', name: 'Østensjø', adults: 40_837 },
  { code: '030114', name: 'Nordstrand', adults: 42_886 },
  { code: '030115', name: 'Søndre Nordstrand', adults: 30_112 },
  { code: '030116', name: 'Sentrum', adults: null },
  { code: '030117', name: 'Marka', adults: null },
  { code: 'utenbys', name: 'Utenbys', adults: null },
] as const satisfies readonly District[];

export type DistrictCode = (typeof DISTRICTS)[number]['code'];
export const DISTRICT_CODES = DISTRICTS.map((d) => d.code) as unknown as readonly [
  DistrictCode,
  ...DistrictCode[],
];

export function isDistrictCode(value: unknown): value is DistrictCode {
  return typeof value === 'string' && (DISTRICT_CODES as readonly string[]).includes(value);
}

export function districtName(code: DistrictCode): string {
  return DISTRICTS.find((d) => d.code === code)?.name ?? code;
}
