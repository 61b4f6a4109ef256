import { ContractViolation } from '@plass/contracts';
import { classifyFailure, RefusedMessage } from './failures';

const pg = (code: string) => Object.assign(new Error(`error ${code}`), { code });

describe('classifyFailure', () => {
  it.each(['22021', '22P05', '22001', '22003', '22008', '22P02', '23502', '23505', '23514'])(
    'takes SQLSTATE %s (the data of the message) as deterministic',
    (code) => {
      expect(classifyFailure(pg(code))).toMatchObject({ kind: 'deterministic', code });
    },
  );

  it.each(['08006', '08001', '57P01', '57014', '53300', '40001', '40P01', '42P01', 'XX000'])(
    'takes SQLSTATE %s (the server, the moment or the code) as transient',
    (code) => {
      expect(classifyFailure(pg(code))).toMatchObject({ kind: 'transient', code });
    },
  );

  it('reads the code of a TypeORM QueryFailedError from its driver error too', () => {
    const error = Object.assign(new Error('invalid byte sequence'), { driverError: { code: '22021' } });
    expect(classifyFailure(error).kind).toBe('deterministic');
  });

  it('takes contract violations and refused messages as deterministic', () => {
    expect(classifyFailure(new ContractViolation('bad')).kind).toBe('deterministic');
    expect(classifyFailure(new RefusedMessage('no')).kind).toBe('deterministic');
  });

  it('takes connection errors, timeouts and anything unknown as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(classifyFailure(refused)).toEqual({ kind: 'transient', reason: refused.message });
    expect(classifyFailure(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })).kind).toBe(
      'transient',
    );
    expect(classifyFailure(new Error('Query read timeout')).kind).toBe('transient');
    expect(classifyFailure(new TypeError('x is undefined')).kind).toBe('transient');
    expect(classifyFailure('a string').kind).toBe('transient');
  });
});
