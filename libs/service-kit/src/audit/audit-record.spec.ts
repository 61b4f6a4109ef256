import { auditRecordOf, isAudited, outcomeOf, targetOf, type AuditedRequest } from './audit-record';

const UNIT = '6f1c2b7e-9d0a-4c3e-8b1f-2a3b4c5d6e7f';
const INSTITUTION = '0b7d4e2a-1c3f-4a5b-9c8d-7e6f5a4b3c2d';

function request(overrides: Partial<AuditedRequest> = {}): AuditedRequest {
  return {
    method: 'POST',
    originalUrl: `/api/units/${UNIT}/admissions?x=1`,
    baseUrl: '',
    route: { path: '/api/units/:unitId/admissions' },
    params: { unitId: UNIT },
    user: { sub: 'kari', roles: ['institution-staff'] },
    ...overrides,
  };
}

describe('audit records', () => {
  it('audits writes under /api only', () => {
    expect(isAudited('POST', '/api/units/x/admissions')).toBe(true);
    expect(isAudited('patch', '/api/institutions/x')).toBe(true);
    expect(isAudited('DELETE', '/api/notifications/webhooks/x')).toBe(true);
    expect(isAudited('GET', '/api/units/x')).toBe(false);
    expect(isAudited('POST', '/health/ready')).toBe(false);
    expect(isAudited('POST', '/metrics')).toBe(false);
    expect(isAudited('POST', '/apix')).toBe(false);
  });

  it('tells success, refusal and failure by the status', () => {
    expect(outcomeOf(201, true)).toBe('success');
    expect(outcomeOf(204, true)).toBe('success');
    expect(outcomeOf(400, true)).toBe('refused');
    expect(outcomeOf(401, true)).toBe('refused');
    expect(outcomeOf(403, true)).toBe('refused');
    expect(outcomeOf(409, true)).toBe('refused');
    expect(outcomeOf(500, true)).toBe('failed');
    expect(outcomeOf(201, false)).toBe('failed');
  });

  it('records actor, roles, the route pattern and its ids, never the raw path', () => {
    expect(auditRecordOf(request(), { statusCode: 201, finished: true }, 'c-1')).toEqual({
      actor: 'kari',
      role: 'institution-staff',
      action: 'POST /api/units/:unitId/admissions',
      target: `unit:${UNIT}`,
      outcome: 'success',
      status: 201,
      correlationId: 'c-1',
    });
  });

  it('records a refusal without a token as no actor', () => {
    const record = auditRecordOf(request({ user: undefined }), { statusCode: 401, finished: true }, null);
    expect(record).toMatchObject({ actor: null, role: null, outcome: 'refused', status: 401 });
  });

  it('joins several roles and several ids', () => {
    const record = auditRecordOf(
      request({
        route: { path: '/api/institutions/:institutionId/units/:unitId' },
        params: { institutionId: INSTITUTION, unitId: UNIT },
        user: { sub: 'ola', roles: ['admin', 'intake'] },
      }),
      { statusCode: 200, finished: true },
      null,
    );
    expect(record.role).toBe('admin,intake');
    expect(record.target).toBe(`institution:${INSTITUTION} unit:${UNIT}`);
  });

  it('names a bare id after the path segment before it', () => {
    expect(targetOf(request({ route: { path: '/api/housing/units/:id' }, params: { id: UNIT } }))).toBe(
      `unit:${UNIT}`,
    );
    expect(
      targetOf(request({ route: { path: '/api/capacity/alerts/:id/acknowledge' }, params: { id: UNIT } })),
    ).toBe(`alert:${UNIT}`);
    expect(targetOf(request({ route: { path: '/api/institutions' }, params: {} }))).toBeNull();
  });

  it('stores no free text from a path: an id that is not one becomes ?', () => {
    expect(targetOf(request({ params: { unitId: 'Ola Nordmann' } }))).toBe('unit:?');
    expect(targetOf(request({ params: { unitId: 'OlaNordmann' } }))).toBe('unit:?');
    const unmatched = auditRecordOf(
      request({ route: undefined, params: {}, originalUrl: '/api/units/Kari%20Hansen/admissions?name=Kari' }),
      { statusCode: 404, finished: true },
      null,
    );
    expect(unmatched.action).toBe('POST /api/units/?/admissions');
    expect(unmatched.target).toBeNull();
    const withId = auditRecordOf(
      request({ route: undefined, params: {}, originalUrl: `/api/units/${UNIT}/nothing-here` }),
      { statusCode: 404, finished: true },
      null,
    );
    expect(withId.action).toBe(`POST /api/units/${UNIT}/nothing-here`);
  });

  it('records a connection closed before the answer as failed with status 0', () => {
    expect(auditRecordOf(request(), { statusCode: 200, finished: false }, null)).toMatchObject({
      outcome: 'failed',
      status: 0,
    });
  });
});
