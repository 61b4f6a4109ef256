/** Service categories (tjenestekategorier) of institution units, with their normed maximum stay. */
export interface ServiceCategory {
  readonly code: string;
  readonly name: string;
  readonly normedMaxStayDays: number;
}

export const SERVICE_CATEGORIES = [
  { code: 'acute', name: 'Akutt', normedMaxStayDays: 3 },
  { code: 'assessment-active', name: 'Utredning og videreformidling, aktiv rus', normedMaxStayDays: 90 },
  { code: 'assessment-drugfree', name: 'Korttid rusfri', normedMaxStayDays: 90 },
  { code: 'coping', name: 'Mestringsenhet', normedMaxStayDays: 365 },
  { code: 'resource-centre', name: 'Ressurssenter, rusfritt', normedMaxStayDays: 365 },
  { code: 'care-drugfree', name: 'Omsorgssenter, rusfritt', normedMaxStayDays: 365 },
  { code: 'care-active', name: 'Omsorgssenter, aktiv rus', normedMaxStayDays: 730 },
  { code: 'reinforced-care', name: 'Forsterket omsorg', normedMaxStayDays: 730 },
  { code: 'reinforced-residential', name: 'Forsterket bo- og behandling', normedMaxStayDays: 730 },
] as const satisfies readonly ServiceCategory[];

export type ServiceCategoryCode = (typeof SERVICE_CATEGORIES)[number]['code'];
export const SERVICE_CATEGORY_CODES = SERVICE_CATEGORIES.map((c) => c.code) as unknown as readonly [
  ServiceCategoryCode,
  ...ServiceCategoryCode[],
];

export function isServiceCategoryCode(value: unknown): value is ServiceCategoryCode {
  return typeof value === 'string' && (SERVICE_CATEGORY_CODES as readonly string[]).includes(value);
}

export const PROVIDER_TYPES = ['municipal', 'nonprofit', 'private'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const DISCHARGE_REASONS = [
  'planned',
  'own-housing',
  'immediate',
  'transfer',
  'dropout',
  'other',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export const BLOCK_REASONS = ['safety', 'maintenance', 'staffing'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/**
 * Why a recorded time is corrected (a `corrected` change, ADR 0212). Codes only: a free-text reason
 * could carry a resident's name.
 */
export const CORRECTION_REASONS = ['typing-error', 'late-information', 'system-error', 'other'] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];
export const CORRECTION_REASON_NAMES: Record<CorrectionReason, string> = {
  'typing-error': 'Feil tastet',
  'late-information': 'Nye opplysninger om tidspunktet',
  'system-error': 'Feil i fagsystemet',
  other: 'Annet',
};

/** What a `corrected` change moves in time: the original change's kind (ADR 0212). */
export const CORRECTABLE_CHANGES = ['admission', 'discharge', 'block', 'unblock'] as const;
export type CorrectableChange = (typeof CORRECTABLE_CHANGES)[number];

export const HOUSING_TYPES = [
  'ordinary',
  'ordinary-close-follow-up',
  'small-house',
  'cluster-staffed-partial',
  'cluster-staffed-24h',
  'transitional',
  'framework-agreement',
] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];

/** The housing types' names in bokmål, as the dashboard and the notifications write them. */
export const HOUSING_TYPE_NAMES: Record<HousingType, string> = {
  ordinary: 'Ordinær bolig',
  'ordinary-close-follow-up': 'Ordinær bolig med tett oppfølging',
  'small-house': 'Småhus',
  'cluster-staffed-partial': 'Samlokalisert bolig, deltids personalbase',
  'cluster-staffed-24h': 'Samlokalisert bolig, døgnbemannet',
  transitional: 'Gjennomgangsbolig',
  'framework-agreement': 'Rammeavtale bolig med oppfølging',
};

export const HOUSING_STATUSES = ['vacant', 'reserved', 'occupied', 'unavailable'] as const;
export type HousingStatus = (typeof HOUSING_STATUSES)[number];
