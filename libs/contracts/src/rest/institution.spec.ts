import { DISTRICT_CODES, REFERRAL_NEEDS, SERVICE_CATEGORY_CODES } from '@plass/domain';
import type { z } from 'zod';
import {
  admitResident,
  BlockCorrectionBody,
  blockPlaces,
  changeCapacity,
  dischargeResident,
  institutionRoutes,
  LiftBlockQuery,
  registerInstitution,
  registerUnit,
  RenameBody,
  reportCensus,
  reservePlace,
  setUnitFeatures,
  Stay,
  StayCorrectionBody,
  Unit,
} from './institution';

/** The messages a refused body gets, as the validation pipe words them (`field: message`). */
function messagesOf(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

const institution = { providerType: 'municipal', districtCode: '030101' };
const unit = { category: 'acute', capacity: 8 };

describe('institution REST contract', () => {
  describe('names (ADR 0110)', () => {
    it.each([
      ['a NUL', 'Avdeling\u00001', /^name: must not contain control characters \(found U\+0000\)$/],
      ['a line feed', 'Avdeling\n1', /^name: .*control characters/],
      ['a lone surrogate', 'Avdeling \ud800', /^name: .*unpaired UTF-16 surrogate/],
      ['a fødselsnummer', 'Avdeling 01019012480', /^name: .*national identity number/],
      ['a D-nummer written 6 + 5', 'Beboer 410190 12393', /^name: .*national identity number/],
      ['201 characters', 'a'.repeat(201), /^name: must be at most 200 characters$/],
      ['only spaces', '   ', /^name: must not be empty$/],
      ['a number', 42, /^name: Invalid input: expected string/],
    ])('refuses %s in every name with one clear message', (_, name, message) => {
      expect(messagesOf(registerInstitution.body, { ...institution, name })).toEqual([
        expect.stringMatching(message),
      ]);
      expect(messagesOf(registerUnit.body, { ...unit, name })).toEqual([expect.stringMatching(message)]);
      expect(messagesOf(RenameBody, { name })).toEqual([expect.stringMatching(message)]);
    });

    it.each(['Prindsen mottakssenter', 'Avdeling 2 – Sør', 'Org.nr. 987654321', 'Tlf +47 22 33 44 55'])(
      'accepts %s',
      (name) => {
        expect(messagesOf(registerInstitution.body, { ...institution, name })).toEqual([]);
        expect(messagesOf(RenameBody, { name })).toEqual([]);
      },
    );
  });

  describe('counts (ADR 0014)', () => {
    it('takes whole JSON numbers within the bounds, and refuses text, fractions and numbers out of range', () => {
      for (const capacity of [0, 1000]) {
        expect(messagesOf(changeCapacity.body, { capacity, reason: 'decision' })).toEqual([]);
      }
      for (const capacity of [-1, 2.5, 1001, '8', null, undefined, Number.NaN]) {
        expect({
          capacity,
          messages: messagesOf(changeCapacity.body, { capacity, reason: 'decision' }),
        }).toEqual({
          capacity,
          messages: [expect.stringMatching(/^capacity: /)],
        });
      }
    });

    it('needs at least one place for a block and a count of each for a census', () => {
      expect(messagesOf(blockPlaces.body, { places: 0, reason: 'safety' })).toEqual([
        'places: Too small: expected number to be >=1',
      ]);
      expect(messagesOf(reportCensus.body, { occupied: 2 })).toEqual([
        expect.stringMatching(/^blocked: Invalid input: expected number/),
      ]);
      expect(messagesOf(reportCensus.body, { occupied: 0, blocked: 0 })).toEqual([]);
    });
  });

  describe('codes', () => {
    it('refuses a district, category or reason outside its list, naming every valid one', () => {
      const [district] = messagesOf(admitResident.body, { referringDistrictCode: 'Sagene' });
      expect(district).toMatch(/^referringDistrictCode: /);
      for (const code of DISTRICT_CODES) expect(district).toContain(`"${code}"`);
      const [category] = messagesOf(registerUnit.body, {
        name: 'Avdeling X',
        category: 'detox',
        capacity: 4,
      });
      for (const code of SERVICE_CATEGORY_CODES) expect(category).toContain(`"${code}"`);
      expect(messagesOf(dischargeResident.body, { stayId: crypto.randomUUID(), reason: 'evicted' })).toEqual([
        expect.stringMatching(/^reason: .*"planned".*"immediate"/),
      ]);
    });
  });

  describe('features (ADR 0154)', () => {
    const register = (features: unknown) =>
      messagesOf(registerUnit.body, { ...unit, name: 'Avdeling 1', features });

    it('takes codes of the needs list in any order, and none at all', () => {
      expect(register(['co-occurring', 'women-only'])).toEqual([]);
      expect(register([])).toEqual([]);
      expect(register([...REFERRAL_NEEDS].reverse())).toEqual([]);
      expect(messagesOf(setUnitFeatures.body, { features: ['wheelchair', 'couple'] })).toEqual([]);
    });

    it('registers a unit with no features when the body names none', () => {
      expect(registerUnit.body.parse({ ...unit, name: 'Avdeling 1' })).toHaveProperty('features', []);
    });

    it('refuses an unknown code, naming the valid ones', () => {
      expect(register(['pets'])).toEqual([
        'features.0: must be one of the features women-only, couple, wheelchair, co-occurring',
      ]);
      expect(messagesOf(setUnitFeatures.body, { features: ['wheelchair', 'Women-Only'] })).toEqual([
        'features.1: must be one of the features women-only, couple, wheelchair, co-occurring',
      ]);
    });

    it('refuses a feature named twice, and anything but a list', () => {
      expect(register(['couple', 'wheelchair', 'couple'])).toEqual([
        'features: must not name a feature twice',
      ]);
      expect(register(Array(5).fill('couple'))).toEqual(['features: must not name a feature twice']);
      expect(messagesOf(setUnitFeatures.body, { features: 'couple' })).toEqual([
        expect.stringMatching(/^features: Invalid input: expected array/),
      ]);
      expect(messagesOf(setUnitFeatures.body, {})).toEqual([
        expect.stringMatching(/^features: Invalid input: expected array/),
      ]);
    });

    it('reads a unit only with its features each once in the order of the list', () => {
      const answer = {
        id: 'a1cc3016-674f-4814-8e5b-530903cebc44',
        institutionId: '881a54d4-39e4-42b3-9547-c2a0eeabc54b',
        name: 'Avdeling 1',
        category: 'acute',
        features: ['women-only', 'co-occurring'],
        capacity: 8,
        occupied: 0,
        blocked: 0,
        reserved: 0,
        available: 8,
        closed: false,
        sequence: 1,
        updatedAt: '2026-12-04T09:58:42.109Z',
      };
      expect(Unit.parse(answer)).toEqual(answer);
      const withoutFeatures: Record<string, unknown> = { ...answer };
      delete withoutFeatures.features;
      expect(messagesOf(Unit, withoutFeatures)).toEqual([
        expect.stringMatching(/^features: Invalid input: expected array/),
      ]);
      expect(messagesOf(Unit, { ...answer, features: ['co-occurring', 'women-only'] })).toEqual([
        'features: must name each feature once, in the order women-only, couple, wheelchair, co-occurring',
      ]);
      expect(messagesOf(Unit, { ...answer, features: ['couple', 'couple'] })).toEqual([
        'features: must name each feature once, in the order women-only, couple, wheelchair, co-occurring',
      ]);
    });
  });

  describe('dates', () => {
    it('takes a planned discharge date only as a real calendar date', () => {
      const admit = (plannedDischargeDate: string) =>
        messagesOf(admitResident.body, { referringDistrictCode: '030101', plannedDischargeDate });
      expect(admit('2028-02-29')).toEqual([]);
      for (const date of ['2026-02-30', '2027-02-29', '20.12.2026', '2026-12-20T10:00:00Z']) {
        expect(admit(date)).toEqual(['plannedDischargeDate: must be a calendar date like 2026-12-20']);
      }
    });

    it('takes an end or expiry time only as a date and time with a time zone', () => {
      const block = (until: string) => messagesOf(blockPlaces.body, { places: 1, reason: 'safety', until });
      expect(block('2030-01-01T12:00:00Z')).toEqual([]);
      expect(block('2030-01-01T12:00:00+01:00')).toEqual([]);
      for (const until of ['2030-01-01', '2030-01-01T12:00:00', 'tomorrow']) {
        expect(block(until)).toEqual([
          expect.stringMatching(/^until: must be a date and time with a time zone/),
        ]);
      }
      expect(messagesOf(reservePlace.body, { districtCode: '030101', expiresAt: 'tomorrow' })).toEqual([
        expect.stringMatching(/^expiresAt: must be a date and time with a time zone/),
      ]);
    });
  });

  describe('effective times (ADR 0212)', () => {
    it('takes a time with an offset or Oslo wall-clock time without one, in every body that has one', () => {
      for (const at of [
        '2026-11-23T02:30:00+01:00',
        '2026-11-23T01:30:00Z',
        '2026-11-23T02:30',
        '2026-11-23T02:30:15.5',
      ]) {
        expect(messagesOf(admitResident.body, { referringDistrictCode: '030103', admittedAt: at })).toEqual(
          [],
        );
        expect(
          messagesOf(dischargeResident.body, {
            stayId: crypto.randomUUID(),
            reason: 'planned',
            dischargedAt: at,
          }),
        ).toEqual([]);
        expect(messagesOf(blockPlaces.body, { places: 1, reason: 'safety', from: at })).toEqual([]);
        expect(messagesOf(changeCapacity.body, { capacity: 8, reason: 'decision', from: at })).toEqual([]);
        expect(messagesOf(registerUnit.body, { ...unit, name: 'Avdeling 1', openedAt: at })).toEqual([]);
        expect(messagesOf(LiftBlockQuery, { to: at })).toEqual([]);
      }
    });

    it('refuses a date without a time, or words, with one clear message', () => {
      for (const at of ['2026-11-23', 'i går', '23.11.2026 02:30']) {
        expect(messagesOf(admitResident.body, { referringDistrictCode: '030103', admittedAt: at })).toEqual([
          expect.stringMatching(/^admittedAt: must be a date and time like .* \(Oslo time\)$/),
        ]);
      }
    });

    it('corrects exactly one time of a stay or a block, with a coded reason', () => {
      const reason = 'typing-error';
      const at = '2026-11-23T02:30';
      expect(messagesOf(StayCorrectionBody, { dischargedAt: at, reason })).toEqual([]);
      expect(messagesOf(StayCorrectionBody, { reason })).toEqual([
        'give exactly one of admittedAt and dischargedAt',
      ]);
      expect(messagesOf(StayCorrectionBody, { admittedAt: at, dischargedAt: at, reason })).toEqual([
        'give exactly one of admittedAt and dischargedAt',
      ]);
      expect(messagesOf(BlockCorrectionBody, { from: at, reason })).toEqual([]);
      expect(messagesOf(BlockCorrectionBody, { from: at, to: at, reason })).toEqual([
        'give exactly one of from and to',
      ]);
      expect(messagesOf(BlockCorrectionBody, { from: at, reason: 'Ola skrev feil' })).toEqual([
        expect.stringMatching(/^reason: /),
      ]);
    });
  });

  it('refuses every unknown field of every body, so no name or identity number gets in', () => {
    const valid: Record<string, object> = {
      registerInstitution: { ...institution, name: 'Holmen' },
      registerUnit: { ...unit, name: 'Avdeling 1' },
      renameInstitution: { name: 'Holmen' },
      renameUnit: { name: 'Avdeling 1' },
      admitResident: { referringDistrictCode: '030103' },
      dischargeResident: { stayId: crypto.randomUUID(), reason: 'planned' },
      blockPlaces: { places: 1, reason: 'safety' },
      changeCapacity: { capacity: 8, reason: 'decision' },
      reportCensus: { occupied: 1, blocked: 0 },
      reservePlace: { districtCode: '030101', expiresAt: '2030-01-01T12:00:00Z' },
      setUnitFeatures: { features: ['wheelchair'] },
      correctStay: { admittedAt: '2026-11-23T02:30:00+01:00', reason: 'typing-error' },
      correctBlock: { to: '2026-11-23T02:30', reason: 'late-information' },
    };
    const withBody = institutionRoutes.filter((r) => 'body' in r);
    expect(withBody.map((r) => r.id).sort()).toEqual(Object.keys(valid).sort());
    for (const route of withBody) {
      expect(messagesOf(route.body, valid[route.id])).toEqual([]);
      expect(
        messagesOf(route.body, { ...valid[route.id], name2: 'Ola Nordmann', nationalId: '01019012480' }),
      ).toEqual(['Unrecognized keys: "name2", "nationalId"']);
    }
  });

  it('reads an open stay as the service answers it: a planned discharge date or null (issue 13)', () => {
    const stay = {
      stayId: '881a54d4-39e4-42b3-9547-c2a0eeabc54b',
      unitId: 'a1cc3016-674f-4814-8e5b-530903cebc44',
      referringDistrictCode: '030103',
      admittedAt: '2026-12-04T09:58:42.109Z',
      plannedDischargeDate: '2026-12-14',
    };
    expect(Stay.parse(stay)).toEqual(stay);
    expect(Stay.parse({ ...stay, plannedDischargeDate: null }).plannedDischargeDate).toBeNull();
    expect(Stay.safeParse({ ...stay, plannedDischargeDate: {} }).success).toBe(false);
  });

  it('has one route per operation id and method and path, every write taking an Idempotency-Key', () => {
    expect(new Set(institutionRoutes.map((r) => r.id)).size).toBe(institutionRoutes.length);
    expect(new Set(institutionRoutes.map((r) => `${r.method} ${r.path}`)).size).toBe(
      institutionRoutes.length,
    );
    for (const route of institutionRoutes) {
      expect({ id: route.id, idempotent: route.method !== 'GET' }).toEqual({
        id: route.id,
        idempotent: 'idempotent' in route && route.idempotent,
      });
      expect(route.path).toMatch(/^\/api\/(institutions|units)(\/|$)/);
    }
  });
});
