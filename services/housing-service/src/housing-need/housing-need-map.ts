/** The need map of one district: every housing type with its households, types left out counting as 0. */
import type { HousingNeeds } from '@plass/contracts';
import { HOUSING_TYPES, type HousingType } from '@plass/domain';

export function fullNeeds(partial: Partial<Record<HousingType, number>>): HousingNeeds {
  return Object.fromEntries(HOUSING_TYPES.map((type) => [type, partial[type] ?? 0])) as HousingNeeds;
}

export function sameNeeds(a: HousingNeeds, b: HousingNeeds): boolean {
  return HOUSING_TYPES.every((type) => a[type] === b[type]);
}

export function totalNeed(needs: HousingNeeds): number {
  return HOUSING_TYPES.reduce((total, type) => total + needs[type], 0);
}
