import { HttpException } from '@nestjs/common';
import { InstitutionException, type InstitutionErrorCode } from './institution.exception';
import { institutionProblem, statusAndTitle } from './institution-problem';

describe(institutionProblem.name, () => {
  it('turns a domain error into a problem with its status, code, detail and extensions', () => {
    const problem = institutionProblem(
      new InstitutionException('SEQUENCE_MISMATCH', 'unit changed', { currentSequence: 7 }),
    );
    expect(problem).toBeInstanceOf(HttpException);
    expect(problem?.getStatus()).toBe(412);
    expect(problem?.getResponse()).toMatchObject({
      type: 'urn:plassoversikt:problem:sequence-mismatch',
      code: 'SEQUENCE_MISMATCH',
      detail: 'unit changed',
      currentSequence: 7,
    });
  });

  it('leaves other errors to the generic 500', () => {
    expect(institutionProblem(new Error('boom'))).toBeUndefined();
  });

  it('answers every code with a client error', () => {
    const codes: InstitutionErrorCode[] = [
      'INSTITUTION_NOT_FOUND',
      'UNIT_NOT_FOUND',
      'UNIT_CLOSED',
      'UNIT_NOT_EMPTY',
      'NO_AVAILABLE_PLACE',
      'STAY_NOT_FOUND',
      'STAY_ALREADY_DISCHARGED',
      'BLOCK_NOT_FOUND',
      'BLOCK_ALREADY_RELEASED',
      'TOO_MANY_BLOCKED',
      'CAPACITY_BELOW_BLOCKED',
      'RESERVATION_NOT_FOUND',
      'RESERVATION_NOT_ACTIVE',
      'RESERVATION_MISMATCH',
      'INVALID_VALUE',
      'IF_MATCH_REQUIRED',
      'SEQUENCE_MISMATCH',
      'WEAK_ETAG',
      'NOT_YOUR_INSTITUTION',
      'NOT_YOUR_DISTRICT',
      'NAME_TAKEN',
      'UNIT_NOT_CLOSED',
    ];
    for (const code of codes) {
      const [status, title] = statusAndTitle(code);
      expect({ code, clientError: status >= 400 && status < 500, title: title.length > 0 }).toEqual({
        code,
        clientError: true,
        title: true,
      });
    }
  });
});
