import { HOUSING_TYPES } from '@plass/domain';
import { fullNeeds, sameNeeds, totalNeed } from './housing-need-map';

describe('housing need map', () => {
  it('fills every type left out with 0', () => {
    const needs = fullNeeds({ ordinary: 4 });
    expect(Object.keys(needs)).toEqual([...HOUSING_TYPES]);
    expect(needs.ordinary).toBe(4);
    expect(needs['cluster-staffed-24h']).toBe(0);
    expect(totalNeed(needs)).toBe(4);
  });

  it('treats a type left out and an explicit 0 as the same need', () => {
    expect(sameNeeds(fullNeeds({ ordinary: 4 }), fullNeeds({ ordinary: 4, 'small-house': 0 }))).toBe(true);
    expect(sameNeeds(fullNeeds({ ordinary: 4 }), fullNeeds({ ordinary: 5 }))).toBe(false);
  });
});
