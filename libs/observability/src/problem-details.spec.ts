import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { bodyParserProblem, problem, problemDetailsOf, problemType } from './problem-details';

describe(problem.name, () => {
  it('builds an HttpException whose body is a problem with a URN type from its code', () => {
    const exception = problem(409, 'No available place', 'unit u1 has no free place', {
      code: 'NO_AVAILABLE_PLACE',
      unitId: 'u1',
    });
    expect(exception.getStatus()).toBe(409);
    expect(exception.getResponse()).toEqual({
      type: 'urn:plassoversikt:problem:no-available-place',
      title: 'No available place',
      status: 409,
      detail: 'unit u1 has no free place',
      code: 'NO_AVAILABLE_PLACE',
      unitId: 'u1',
    });
  });

  it('uses about:blank when no code is given', () => {
    expect(problemType()).toBe('about:blank');
    expect(problemDetailsOf(problem(422, 'Unprocessable', 'no')).type).toBe('about:blank');
  });
});

describe(problemDetailsOf.name, () => {
  it('takes the message of a built-in exception as the detail and its error as the title', () => {
    expect(problemDetailsOf(new NotFoundException('unit u9 does not exist'))).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'unit u9 does not exist',
    });
  });

  it('joins validation messages into the detail and lists them in errors', () => {
    const details = problemDetailsOf(
      new BadRequestException(['capacity must be an integer', 'name should not be empty']),
    );
    expect(details).toMatchObject({
      status: 400,
      detail: 'capacity must be an integer; name should not be empty',
      errors: ['capacity must be an integer', 'name should not be empty'],
    });
  });

  it('uses the status phrase as the title of an exception built from a string', () => {
    expect(problemDetailsOf(new HttpException('slow down', 429))).toMatchObject({
      title: 'Too Many Requests',
      detail: 'slow down',
    });
  });

  it('keeps the problem fields and extensions a service already gave', () => {
    const body = {
      type: 'urn:x',
      title: 'Stale census',
      detail: 'sequence 4 is not 5',
      code: 'STALE',
      expected: 5,
    };
    expect(problemDetailsOf(new HttpException(body, 412))).toEqual({ ...body, status: 412 });
  });
});

describe(bodyParserProblem.name, () => {
  function bodyParserError(status: number, type: string, extra: object = {}): Error {
    return Object.assign(new Error('raw message'), { status, type, ...extra });
  }

  it('explains a body that is not JSON', () => {
    expect(problemDetailsOf(bodyParserProblem(bodyParserError(400, 'entity.parse.failed'))!)).toMatchObject({
      status: 400,
      detail: 'the request body is not valid JSON',
    });
  });

  it('names the limit a body exceeded', () => {
    expect(
      problemDetailsOf(bodyParserProblem(bodyParserError(413, 'entity.too.large', { limit: 102400 }))!),
    ).toMatchObject({
      status: 413,
      detail: 'the request body is larger than the limit of 102400 bytes',
    });
  });

  it('ignores errors that are not from a body parser', () => {
    expect(bodyParserProblem(new Error('boom'))).toBeUndefined();
    expect(bodyParserProblem(bodyParserError(500, 'stream.encoding.set'))).toBeUndefined();
  });
});
