import { createEvent, ContractViolation } from '../envelope';
import { CreateReferralBody } from '../rest/intake';
import {
  parseReferralChange,
  parseReferralEvent,
  REFERRAL_CREATED,
  REFERRAL_SCHEMA,
  REFERRAL_WITHDRAWN,
  referralCreated,
  referralWithdrawn,
  type ReferralState,
} from './referral';

const id = '0f6c2d0e-8a51-4c3e-9d7b-2b1f4e6a9c10';

function state(overrides: Partial<ReferralState> = {}): ReferralState {
  return {
    id,
    districtCode: '030103',
    categories: ['assessment-active', 'coping'],
    urgency: 'urgent',
    needs: ['women-only'],
    earliestDate: '2026-12-01',
    status: 'waiting',
    withdrawalReason: null,
    offer: null,
    stayId: null,
    placedAt: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    sequence: 1,
    ...overrides,
  };
}

function event(type: string, data: ReferralState, subject = data.id) {
  return JSON.parse(
    JSON.stringify(
      createEvent({
        source: '/intake-service',
        type,
        subject,
        sequence: data.sequence,
        dataschema: REFERRAL_SCHEMA,
        data,
      }),
    ),
  ) as unknown;
}

const withdrawn = state({ status: 'withdrawn', withdrawalReason: 'placed-elsewhere', sequence: 2 });

describe('referral events', () => {
  it('parses a created and a withdrawn referral, sequence read as a number', () => {
    expect(referralCreated.parse(event(REFERRAL_CREATED, state()))).toMatchObject({
      sequence: 1,
      data: state(),
    });
    expect(referralWithdrawn.parse(event(REFERRAL_WITHDRAWN, withdrawn))).toMatchObject({
      type: REFERRAL_WITHDRAWN,
      sequence: 2,
      data: withdrawn,
    });
  });

  it.each([
    [
      'a created referral that is not waiting',
      () => event(REFERRAL_CREATED, withdrawn),
      /carries the referral as waiting/,
    ],
    [
      'a created referral past sequence 1',
      () => event(REFERRAL_CREATED, state({ sequence: 2 })),
      /sequence 1/,
    ],
    [
      'a withdrawn referral without a reason',
      () => event(REFERRAL_WITHDRAWN, { ...withdrawn, withdrawalReason: null }),
      /withdrawalReason is set exactly when/,
    ],
    [
      'a waiting referral with a withdrawal reason',
      () => event(REFERRAL_CREATED, state({ withdrawalReason: 'other' })),
      /withdrawalReason is set exactly when/,
    ],
    [
      'a subject other than the referral id',
      () => event(REFERRAL_CREATED, state(), 'someone'),
      /subject must be the referral id/,
    ],
    [
      'a category named twice',
      () => event(REFERRAL_CREATED, state({ categories: ['coping', 'coping'] })),
      /must not name a category twice/,
    ],
    [
      'four categories',
      () =>
        event(REFERRAL_CREATED, state({ categories: ['acute', 'coping', 'care-active', 'care-drugfree'] })),
      /categories/,
    ],
    ['no category', () => event(REFERRAL_CREATED, state({ categories: [] })), /categories/],
    [
      'a need named twice',
      () => event(REFERRAL_CREATED, state({ needs: ['couple', 'couple'] })),
      /must not name a need twice/,
    ],
    [
      'a day that does not exist',
      () => event(REFERRAL_CREATED, state({ earliestDate: '2026-02-30' })),
      /earliestDate/,
    ],
  ])('refuses %s', (_case, make, reason) => {
    const parse = () => parseReferralEvent(make());
    expect(parse).toThrow(ContractViolation);
    expect(parse).toThrow(reason);
  });

  it('refuses a name or any other field the contract does not know', () => {
    const value = event(REFERRAL_CREATED, state()) as { data: Record<string, unknown> };
    value.data.residentName = 'Kari Nordmann';
    expect(() => referralCreated.parse(value)).toThrow(/residentName/);
  });

  it('refuses a type of another topic', () => {
    expect(() => parseReferralEvent({ type: 'no.oslo.plassoversikt.alert.raised' })).toThrow(
      /type must be one of/,
    );
  });
});

describe('CreateReferralBody', () => {
  const body = { districtCode: '030103', categories: ['coping'], urgency: 'planned' };

  it('takes categories, urgency and the optional needs and earliest date', () => {
    expect(CreateReferralBody.parse({ ...body, needs: ['wheelchair'], earliestDate: '2027-01-04' })).toEqual({
      ...body,
      needs: ['wheelchair'],
      earliestDate: '2027-01-04',
    });
  });

  it.each([
    [{ ...body, categories: ['villa'] }, /categories\.0/],
    [{ ...body, needs: ['pets'] }, /needs\.0/],
    [{ ...body, urgency: 'soon' }, /urgency/],
    [{ ...body, earliestDate: '01.12.2026' }, /earliestDate/],
    [{ ...body, note: 'bor hos søster' }, /note/],
    [{ ...body, nationalId: '01019012480' }, /nationalId/],
  ])('refuses %o', (value, path) => {
    const result = CreateReferralBody.safeParse(value);
    expect(result.success).toBe(false);
    const where = result.error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    expect(where).toMatch(path);
  });
});

describe(parseReferralChange.name, () => {
  it('reads a type announced later by the state it carries', () => {
    const later = state({ sequence: 4 });
    expect(parseReferralChange(event('no.oslo.plassoversikt.referral.reprioritised', later))).toMatchObject({
      type: 'no.oslo.plassoversikt.referral.reprioritised',
      data: { status: 'waiting', sequence: 4 },
    });
  });

  it('still checks a known type by its own contract', () => {
    expect(() => parseReferralChange(event(REFERRAL_CREATED, state({ status: 'offered' })))).toThrow(
      /carries the referral as waiting/,
    );
  });

  it('refuses a type of another aggregate, a state that breaks the contract and a foreign subject', () => {
    expect(() => parseReferralChange(event('no.oslo.plassoversikt.unit.placed', state()))).toThrow(
      ContractViolation,
    );
    expect(() =>
      parseReferralChange(event('no.oslo.plassoversikt.referral.placed', state({ status: 'withdrawn' }))),
    ).toThrow(/withdrawalReason/);
    expect(() =>
      parseReferralChange(
        event('no.oslo.plassoversikt.referral.placed', state(), '7d1e2c3b-0a4f-4e5d-8c6b-9a8f7e6d5c4b'),
      ),
    ).toThrow(/subject/);
  });
});
