import { HOUSING_TYPES } from '@plass/domain';
import type { z } from 'zod';
import {
  ChangeHousingStatusBody,
  ListHousingUnitsQuery,
  RegisterHousingUnitBody,
  UpdateHousingNeedBody,
} from './housing';

/** The messages a 400 would carry, as ContractValidationPipe writes them: `field: message`. */
function messagesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

describe('RegisterHousingUnitBody', () => {
  const labelled = (label: unknown) =>
    messagesOf(RegisterHousingUnitBody, { districtCode: '030101', type: 'ordinary', label });

  it('accepts a reference code', () => {
    expect(labelled('B-0412')).toEqual([]);
  });

  it.each(['Kari Hansen', 'Storgata 5', 'ABC', `${'x'.repeat(30)}1`])(
    'refuses %p, which could carry a name or an address',
    (label) => {
      expect(labelled(label)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^label: .*never an address or a name/)]),
      );
    },
  );

  it.each(['01019012480', '010190-12480', '410190-12393'])(
    'refuses a national identity number as a label (%s), though it fits the pattern',
    (label) => {
      expect(labelled(label)).toEqual([expect.stringMatching(/^label: must not contain .*identity number/)]);
    },
  );

  it('refuses a NUL with a 400 message instead of a database error', () => {
    expect(labelled('B-04\u000012').join(' ')).toMatch(/label: must not contain control characters/);
  });

  it('refuses a field the contract does not know, so no free text gets in', () => {
    expect(
      messagesOf(RegisterHousingUnitBody, { districtCode: '030101', type: 'ordinary', tenantName: 'x' }),
    ).toEqual([expect.stringMatching(/Unrecognized key: "tenantName"/)]);
  });
});

describe('ListHousingUnitsQuery', () => {
  it('takes an empty filter as no filter', () => {
    expect(ListHousingUnitsQuery.parse({ districtCode: '', type: 'transitional', status: '' })).toEqual({
      districtCode: '',
      type: 'transitional',
      status: '',
    });
  });

  it('lists the valid values of a filter it refuses, without the empty one', () => {
    expect(messagesOf(ListHousingUnitsQuery, { status: 'free' })).toEqual([
      'status: must be one of: vacant, reserved, occupied, unavailable',
    ]);
  });
});

describe('ChangeHousingStatusBody', () => {
  it('takes an end of reservation with an offset, and refuses one that is not a date and time', () => {
    expect(
      messagesOf(ChangeHousingStatusBody, { status: 'reserved', reservedUntil: '2026-12-01T12:00:00+01:00' }),
    ).toEqual([]);
    expect(messagesOf(ChangeHousingStatusBody, { status: 'reserved', reservedUntil: 'next week' })).toEqual([
      'reservedUntil: must be a date and time like 2026-12-01T12:00:00Z',
    ]);
  });
});

describe('UpdateHousingNeedBody', () => {
  const needs = (value: unknown) => messagesOf(UpdateHousingNeedBody, { needs: value });

  it('accepts known housing types with whole household counts', () => {
    expect(needs({ ordinary: 19, 'cluster-staffed-24h': 0, 'small-house': 100_000 })).toEqual([]);
  });

  it('lists the valid types when a type is unknown', () => {
    expect(needs({ penthouse: 2 })).toEqual([
      `needs: penthouse is not a housing type; valid types are: ${HOUSING_TYPES.join(', ')}`,
    ]);
  });

  it.each([-1, 1.5, 100_001, '3', null])('refuses %p households', (households) => {
    expect(needs({ ordinary: households })).toEqual([
      'needs.ordinary: must be a whole number of households from 0 to 100000',
    ]);
  });

  it('refuses an empty map, a list, a number and a body without one', () => {
    expect(needs({})).toEqual([expect.stringMatching(/^needs: must name at least one housing type/)]);
    expect(needs([1])).toEqual([expect.stringMatching(/^needs: must be an object/)]);
    expect(needs(3)).toEqual([expect.stringMatching(/^needs: must be an object/)]);
    expect(messagesOf(UpdateHousingNeedBody, {})).toEqual([
      expect.stringMatching(/^needs: must be an object/),
    ]);
  });
});
