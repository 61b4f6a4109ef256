import { needMapProblems } from './update-housing-need.dto';

describe('needMapProblems', () => {
  it('accepts known housing types with whole household counts', () => {
    expect(needMapProblems({ ordinary: 19, 'cluster-staffed-24h': 0, 'small-house': 100_000 })).toEqual([]);
  });

  it('lists the valid types when a type is unknown', () => {
    expect(needMapProblems({ penthouse: 2 })).toEqual([
      expect.stringMatching(
        /needs\.penthouse is not a housing type; valid types are: ordinary, .*framework-agreement/,
      ),
    ]);
  });

  it.each([-1, 1.5, 100_001, '3', null])('refuses %p households', (households) => {
    expect(needMapProblems({ ordinary: households })).toEqual([
      'needs.ordinary must be a whole number of households from 0 to 100000',
    ]);
  });

  it('refuses an empty map, a list and a number', () => {
    expect(needMapProblems({})).toEqual([expect.stringMatching(/at least one housing type/)]);
    expect(needMapProblems([1])).toEqual([expect.stringMatching(/must be an object/)]);
    expect(needMapProblems(3)).toEqual([expect.stringMatching(/must be an object/)]);
  });
});
