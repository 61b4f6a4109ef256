import { createHmac } from 'node:crypto';
import type { AuthUser } from '@plass/auth';
import {
  backoffMs,
  emailScopeFor,
  isInternalHost,
  matchesAlert,
  mayManageWebhook,
  scopeShapeProblem,
  signature,
  subscriptionScopeKey,
  verifySignature,
  webhookScopeFor,
  webhookUrlProblem,
} from './notification-rules';

const INSTITUTION = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const user = (partial: Partial<AuthUser>): AuthUser => ({
  sub: 'someone',
  roles: [],
  institutionIds: [],
  districtCode: null,
  ...partial,
});
const intake = user({ roles: ['intake'] });
const admin = user({ roles: ['admin'] });
const sagene = user({ roles: ['district-staff'], districtCode: '030103' });
const staff = user({ roles: ['institution-staff'], institutionIds: [INSTITUTION] });

describe('signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body with the secret', () => {
    const body = '{"id":"a","code":"OVER_CAPACITY"}';
    const expected = createHmac('sha256', 'topphemmelig-nøkkel').update(body).digest('hex');
    expect(signature(body, 'topphemmelig-nøkkel')).toBe(`sha256=${expected}`);
    expect(signature(body, 'topphemmelig-nøkkel')).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('verifies the right signature and refuses a changed body, another secret or none', () => {
    const body = '{"a":1}';
    const header = signature(body, 'secret-secret-secret');
    expect(verifySignature(body, 'secret-secret-secret', header)).toBe(true);
    expect(verifySignature('{"a":2}', 'secret-secret-secret', header)).toBe(false);
    expect(verifySignature(body, 'another-secret-here', header)).toBe(false);
    expect(verifySignature(body, 'secret-secret-secret', undefined)).toBe(false);
    expect(verifySignature(body, 'secret-secret-secret', 'sha256=00')).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from the base after each failed attempt and stops at the maximum', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 1000, 300_000))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffMs(10, 1000, 300_000)).toBe(300_000);
    expect(backoffMs(0, 1000, 300_000)).toBe(0);
    expect(backoffMs(200, 1000, 60_000)).toBe(60_000);
  });
});

describe('scope matching', () => {
  const unitAlert = {
    code: 'OVER_CAPACITY' as const,
    scopeKey: 'unit:u1',
    rooms: ['unit:u1', `institution:${INSTITUTION}`, 'category:acute', 'district:030103', 'city'],
  };

  it('matches the codes it names within its scope, the city being every scope', () => {
    expect(matchesAlert({ codes: ['OVER_CAPACITY'], scopeKey: 'city' }, unitAlert)).toBe(true);
    expect(matchesAlert({ codes: ['OVER_CAPACITY'], scopeKey: 'district:030103' }, unitAlert)).toBe(true);
    expect(
      matchesAlert({ codes: ['OVER_CAPACITY'], scopeKey: `institution:${INSTITUTION}` }, unitAlert),
    ).toBe(true);
    expect(matchesAlert({ codes: ['OVER_CAPACITY'], scopeKey: 'category:acute' }, unitAlert)).toBe(true);
  });

  it('does not match another code, district or category', () => {
    expect(matchesAlert({ codes: ['HIGH_OCCUPANCY'], scopeKey: 'city' }, unitAlert)).toBe(false);
    expect(matchesAlert({ codes: ['OVER_CAPACITY'], scopeKey: 'district:030101' }, unitAlert)).toBe(false);
    expect(matchesAlert({ codes: ['OVER_CAPACITY'], scopeKey: 'category:coping' }, unitAlert)).toBe(false);
  });

  it('turns a scope into the key an alert room carries', () => {
    expect(subscriptionScopeKey({ type: 'city' })).toBe('city');
    expect(subscriptionScopeKey({ type: 'district', id: '030103' })).toBe('district:030103');
    expect(subscriptionScopeKey({ type: 'category', id: 'acute' })).toBe('category:acute');
  });

  it('refuses a scope id of the wrong kind', () => {
    expect(scopeShapeProblem({ type: 'district', id: '030103' })).toBeUndefined();
    expect(scopeShapeProblem({ type: 'district', id: 'Sagene' })).toMatch(/district code/);
    expect(scopeShapeProblem({ type: 'category', id: 'nope' })).toMatch(/category code/);
    expect(scopeShapeProblem({ type: 'unit', id: 'x' })).toMatch(/uuid/);
    expect(scopeShapeProblem({ type: 'city', id: 'x' })).toMatch(/no id/);
  });
});

describe('role rules', () => {
  it('lets intake and admin register webhooks for any scope, the city by default', () => {
    expect(webhookScopeFor(intake, undefined)).toEqual({ ok: true, scope: { type: 'city' } });
    expect(webhookScopeFor(admin, { type: 'district', id: '030101' })).toEqual({
      ok: true,
      scope: { type: 'district', id: '030101' },
    });
  });

  it("gives district staff their own district's webhooks only (403 for another district's)", () => {
    expect(webhookScopeFor(sagene, undefined)).toEqual({
      ok: true,
      scope: { type: 'district', id: '030103' },
    });
    expect(webhookScopeFor(sagene, { type: 'district', id: '030103' }).ok).toBe(true);
    const other = webhookScopeFor(sagene, { type: 'district', id: '030101' });
    expect(other).toMatchObject({ ok: false, detail: expect.stringMatching(/own district/) });
    expect(webhookScopeFor(sagene, { type: 'city' }).ok).toBe(false);
    expect(webhookScopeFor(staff, undefined).ok).toBe(false);
  });

  it('lets district staff manage their own district webhooks, intake and admin all of them', () => {
    expect(mayManageWebhook(sagene, '030103')).toBe(true);
    expect(mayManageWebhook(sagene, '030101')).toBe(false);
    expect(mayManageWebhook(sagene, null)).toBe(false);
    expect(mayManageWebhook(intake, '030101')).toBe(true);
    expect(mayManageWebhook(staff, '030103')).toBe(false);
  });

  it('keeps e-mail subscriptions within the role', () => {
    expect(emailScopeFor(intake, { type: 'category', id: 'acute' }).ok).toBe(true);
    expect(emailScopeFor(intake, undefined)).toEqual({ ok: true, scope: { type: 'city' } });
    expect(emailScopeFor(intake, { type: 'unit', id: INSTITUTION }).ok).toBe(false);
    expect(emailScopeFor(sagene, undefined)).toEqual({ ok: true, scope: { type: 'district', id: '030103' } });
    expect(emailScopeFor(sagene, { type: 'district', id: '030101' }).ok).toBe(false);
    expect(emailScopeFor(staff, undefined)).toEqual({
      ok: true,
      scope: { type: 'institution', id: INSTITUTION },
    });
    expect(emailScopeFor(staff, { type: 'institution', id: INSTITUTION.toUpperCase() }).ok).toBe(true);
    expect(emailScopeFor(staff, { type: 'institution', id: '00000000-0000-4000-8000-000000000000' }).ok).toBe(
      false,
    );
    expect(emailScopeFor(staff, { type: 'city' }).ok).toBe(false);
  });
});

describe('webhook URL validation', () => {
  it('takes http and https and refuses other schemes, relative URLs and credentials', () => {
    expect(webhookUrlProblem('https://varsel.example.no/hook', true)).toBeUndefined();
    expect(webhookUrlProblem('http://varsel.example.no/hook', false)).toBeUndefined();
    expect(webhookUrlProblem('ftp://varsel.example.no/hook', false)).toMatch(/http or https/);
    expect(webhookUrlProblem('file:///etc/passwd', false)).toMatch(/http or https/);
    expect(webhookUrlProblem('/relative', false)).toMatch(/not an absolute URL/);
    expect(webhookUrlProblem('https://user:pw@varsel.example.no/', false)).toMatch(/user name or password/);
  });

  it('allows loopback outside production only', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', false)).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', true)).toMatch(/refused in production/);
    expect(webhookUrlProblem('http://localhost/hook', true)).toMatch(/refused in production/);
    expect(webhookUrlProblem('http://[::1]/hook', true)).toMatch(/refused in production/);
    expect(webhookUrlProblem('http://10.1.2.3/hook', true)).toMatch(/refused in production/);
  });

  it('knows internal addresses', () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '[::1]',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.1.1',
    ]) {
      expect(isInternalHost(host)).toBe(true);
    }
    for (const host of ['172.32.0.1', '8.8.8.8', 'oslo.kommune.no', '[2001:db8::1]']) {
      expect(isInternalHost(host)).toBe(false);
    }
  });
});
