/**
 * The published 2024 figures for Velferdsetaten's substance-use institutions (Helhetlig russtatistikk,
 * chapter 8, as retold in /work/shared/domain/OSLO.md), and the values this project chose where the
 * source is illegible (ADR 0220). The generator builds a year whose indicators are exactly these; the
 * tests compare the system's answers against them.
 */
import type { StayLengthBucket } from '@plass/contracts';
import type { DistrictCode, ServiceCategoryCode } from '@plass/domain';

export const FIGURES_YEAR = { from: '2024-01-01', to: '2025-01-01' } as const;

/** Stays beyond the norm per length bucket (`STAY_LENGTH_BUCKETS`, ADR 0221). */
export type BucketCounts = Record<StayLengthBucket, number>;

/** Figure 21's columns and the service categories each one counts. */
export const FIGURE_21_COLUMNS = [
  { key: 'acuteAssessment', name: 'Akutt/utredning', categories: ['acute', 'assessment-active'] },
  { key: 'shortTermDrugFree', name: 'Korttid rusfri', categories: ['assessment-drugfree'] },
  { key: 'coping', name: 'Mestring', categories: ['coping'] },
  { key: 'careActive', name: 'Omsorg aktiv rus', categories: ['care-active'] },
  { key: 'careDrugFree', name: 'Omsorg rusfri', categories: ['care-drugfree'] },
  { key: 'resource', name: 'Ressurssenter', categories: ['resource-centre'] },
  {
    key: 'reinforced',
    name: 'Forsterket bo- og behandling',
    categories: ['reinforced-residential', 'reinforced-care'],
  },
] as const satisfies readonly { key: string; name: string; categories: readonly ServiceCategoryCode[] }[];
export type Figure21Column = (typeof FIGURE_21_COLUMNS)[number]['key'];

/** One row of figure 21 as published: per cent of the district's stays, and the "not stated" column. */
export type Figure21Row = Record<Figure21Column, number> & { notStated: number };

const row = (
  acuteAssessment: number,
  shortTermDrugFree: number,
  coping: number,
  careActive: number,
  careDrugFree: number,
  resource: number,
  reinforced: number,
  notStated: number,
): Figure21Row => ({
  acuteAssessment,
  shortTermDrugFree,
  coping,
  careActive,
  careDrugFree,
  resource,
  reinforced,
  notStated,
});

const zeroBuckets: BucketCounts = {
  threeMonthsToOneYear: 0,
  oneToTwoYears: 0,
  twoToFiveYears: 0,
  overFiveYears: 0,
};

export const FIGURES_2024 = {
  /**
   * Beleggsprosent per category (figure 22). OSLO.md §"Institution places": "87 % (2024)" for all
   * institutions and "low in resource centres: 66 % in 2024". The other bars are illegible: chosen
   * (ADR 0220), "high in assessment units, care centres for active use and reinforced residential
   * treatment" (OSLO.md) kept. reinforced-care: none in 2024 (Adamstuen became forsterket omsorg later).
   */
  occupancyPercent: {
    all: 87, // OSLO.md: "Occupancy (beleggsprosent) for all institutions: … 87 % (2024)"
    byCategory: {
      acute: 38, // chosen: acute places are held free for the night's admissions
      'assessment-active': 97, // chosen ("high in assessment units")
      'assessment-drugfree': 93, // chosen
      coping: 94, // chosen
      'resource-centre': 66, // OSLO.md: "low in resource centres: 66 % in 2024"
      'care-drugfree': 91, // chosen
      'care-active': 95, // chosen ("high in … care centres for active use")
      'reinforced-residential': 96, // chosen ("high in … reinforced residential treatment")
    } satisfies Partial<Record<ServiceCategoryCode, number>>,
  },
  /** OSLO.md: "about 37,000 possible bed-days, 24,500 used, over 12,600 unused" (resource centres, 2024). */
  resourceCentreBedDays: { possibleAbout: 37_000, usedAbout: 24_500, unusedOver: 12_600, percent: 66 },
  /**
   * OSLO.md §"The 2024 indicators in detail": "Immediate discharges …, 302 in all: assessment units 167,
   * coping units 76, short-term drug-free 12, care drug-free 2, resource centres 10, reinforced residential 6
   * (the rest in the other categories)". The rest (29) is split here by choice: acute 21, care active use 8.
   */
  immediateDischarges: {
    total: 302,
    byCategory: {
      'assessment-active': 167,
      coping: 76,
      'assessment-drugfree': 12,
      'care-drugfree': 2,
      'resource-centre': 10,
      'reinforced-residential': 6,
      acute: 21, // chosen: part of "the rest in the other categories"
      'care-active': 8, // chosen: part of "the rest in the other categories"
    } satisfies Partial<Record<ServiceCategoryCode, number>>,
  },
  /**
   * OSLO.md: "Moves to own housing, 353 in all: short-term drug-free 160, assessment units 92, resource
   * centres 45, care drug-free 12, care active use 4; 11 of them by people without an Oslo address."
   * The other 40 are not placed by the source: chosen coping 30, reinforced residential 10.
   */
  movesToOwnHousing: {
    total: 353,
    withoutOsloAddress: 11,
    byCategory: {
      'assessment-drugfree': 160,
      'assessment-active': 92,
      'resource-centre': 45,
      'care-drugfree': 12,
      'care-active': 4,
      coping: 30, // chosen: the 40 the source does not place
      'reinforced-residential': 10, // chosen: the 40 the source does not place
    } satisfies Partial<Record<ServiceCategoryCode, number>>,
  },
  /**
   * OSLO.md: "Stays beyond the norm (March–December 2024)" per category and length; categories the
   * source does not name have none.
   */
  staysBeyondNorm: {
    from: '2024-03-01',
    to: '2025-01-01',
    byCategory: {
      'resource-centre': { ...zeroBuckets, overFiveYears: 2, twoToFiveYears: 18, oneToTwoYears: 37 },
      'care-drugfree': { ...zeroBuckets, overFiveYears: 1, twoToFiveYears: 4, oneToTwoYears: 7 },
      coping: { ...zeroBuckets, twoToFiveYears: 8, oneToTwoYears: 46 },
      'assessment-drugfree': { ...zeroBuckets, oneToTwoYears: 4, threeMonthsToOneYear: 17 },
      'assessment-active': {
        ...zeroBuckets,
        twoToFiveYears: 2,
        oneToTwoYears: 11,
        threeMonthsToOneYear: 128,
      },
    } satisfies Partial<Record<ServiceCategoryCode, BucketCounts>>,
  },
  /** OSLO.md figure 21: share of stays per category for each referring district in 2024 (per cent). */
  figure21: {
    '030112': row(58, 7, 4, 12, 1, 7, 4, 7), // Alna (the source's unlabelled first row)
    '030109': row(50, 15, 4, 9, 0, 4, 6, 13), // Bjerke
    '030105': row(56, 11, 11, 6, 2, 9, 3, 2), // Frogner
    '030101': row(63, 9, 12, 8, 1, 6, 1, 1), // Gamle Oslo
    '030110': row(64, 2, 13, 13, 1, 3, 3, 2), // Grorud
    '030102': row(47, 17, 14, 6, 2, 9, 4, 2), // Grünerløkka
    '030108': row(72, 4, 12, 4, 1, 4, 1, 1), // Nordre Aker
    '030114': row(46, 15, 14, 8, 2, 8, 1, 5), // Nordstrand
    '030103': row(64, 4, 14, 13, 1, 4, 1, 0), // Sagene
    '030104': row(56, 17, 11, 6, 2, 5, 1, 1), // St. Hanshaugen
    '030111': row(63, 5, 10, 6, 1, 7, 1, 7), // Stovner
    '030115': row(65, 4, 12, 7, 0, 5, 5, 2), // Søndre Nordstrand
    '030106': row(66, 8, 8, 10, 2, 4, 1, 1), // Ullern
    '030107': row(49, 8, 10, 13, 5, 11, 1, 3), // Vestre Aker
    '030113': row(47, 14, 11, 8, 5, 11, 3, 2), // Østensjø
  } satisfies Partial<Record<DistrictCode, Figure21Row>>,
  /** OSLO.md figure 21, "All districts" (shown for reference: the system derives its own from the rows). */
  figure21AllDistricts: row(58, 10, 11, 8, 2, 7, 2, 2),
} as const;

export type Figure21District = keyof typeof FIGURES_2024.figure21;
