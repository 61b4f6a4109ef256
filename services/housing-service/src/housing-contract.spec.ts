/** The housing routes of the contract say truthfully which problems the service answers with. */
import { AUTH_ERROR_CODES } from '@plass/auth';
import {
  BEARER_TOKEN_PROBLEMS,
  changeHousingStatus,
  getHousingNeed,
  getHousingUnit,
  listHousingNeeds,
  listHousingUnits,
  registerHousingUnit,
  updateHousingNeed,
  type ProblemStatus,
  type RouteContract,
} from '@plass/contracts';
import { housingProblem } from './housing-problem';
import { HOUSING_ERROR_CODES, HousingException } from './housing.exception';

const ROUTES: RouteContract[] = [
  listHousingUnits,
  getHousingUnit,
  registerHousingUnit,
  changeHousingStatus,
  listHousingNeeds,
  getHousingNeed,
  updateHousingNeed,
];

describe('housing routes of the contract', () => {
  it('name every code of a 401 from the bearer-token guard, and no other', () => {
    expect([...BEARER_TOKEN_PROBLEMS].sort()).toEqual([...AUTH_ERROR_CODES].sort());
  });

  it.each(HOUSING_ERROR_CODES)('declare %s under the status the service answers it with', (code) => {
    const status = housingProblem(new HousingException(code, 'detail'))?.getStatus() as ProblemStatus;
    const declaring = ROUTES.filter((route) => route.problems[status]?.includes(code));
    expect(declaring.map((route) => route.id)).not.toEqual([]);
  });

  it('declare no housing code under another status', () => {
    const statusOf = new Map<string, number | undefined>(
      HOUSING_ERROR_CODES.map((code) => [
        code,
        housingProblem(new HousingException(code, 'detail'))?.getStatus(),
      ]),
    );
    const misplaced = ROUTES.flatMap((route) =>
      Object.entries(route.problems).flatMap(([status, codes]) =>
        (codes ?? [])
          .filter((code) => statusOf.has(code) && statusOf.get(code) !== Number(status))
          .map((code) => `${route.id}: ${code} under ${status}`),
      ),
    );
    expect(misplaced).toEqual([]);
  });
});
