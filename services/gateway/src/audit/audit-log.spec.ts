import type { AuditLogEntry } from '@plass/contracts';
import { auditCsv, AUDIT_CSV_HEADER, auditCsvFilename } from './audit-csv';
import { mergeTrails } from './audit-sources';

const entry = (overrides: Partial<AuditLogEntry>): AuditLogEntry => ({
  id: '00000000-0000-4000-8000-000000000001',
  at: '2026-12-04T10:00:00.000Z',
  actor: 'kari',
  role: 'institution-staff',
  action: 'POST /api/units/:unitId/admissions',
  target: 'unit:6f1c2b7e-9d0a-4c3e-8b1f-2a3b4c5d6e7f',
  outcome: 'success',
  status: 201,
  correlationId: 'c-1',
  service: 'institution-service',
  ...overrides,
});

describe('the merged audit trail', () => {
  it('merges the services newest first and keeps the limit', () => {
    const merged = mergeTrails(
      [
        [entry({ at: '2026-12-04T10:00:03.000Z' }), entry({ at: '2026-12-04T10:00:01.000Z' })],
        [entry({ at: '2026-12-04T10:00:02.000Z', service: 'housing-service' })],
        [],
      ],
      2,
    );
    expect(merged.map((e) => [e.at, e.service])).toEqual([
      ['2026-12-04T10:00:03.000Z', 'institution-service'],
      ['2026-12-04T10:00:02.000Z', 'housing-service'],
    ]);
  });

  it('writes CSV with the header, an anonymous actor and a formula-looking cell as text', () => {
    const text = auditCsv([
      entry({ actor: null, role: null, outcome: 'refused', status: 401, target: null }),
      entry({ actor: '=cmd()', outcome: 'failed', status: 500 }),
    ]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(';'));
    expect(lines[1]).toBe(
      '2026-12-04T10:00:00.000Z;institution-service;anonym;;POST /api/units/:unitId/admissions;;avvist;401;c-1',
    );
    expect(lines[2]).toContain(";'=cmd();institution-staff;");
    expect(lines[2]).toContain(';feilet;500;');
  });

  it('names the file after when it was taken out', () => {
    expect(auditCsvFilename(new Date('2026-12-04T19:30:00.123Z'))).toBe(
      'revisjonslogg-2026-12-04T19-30-00Z.csv',
    );
  });
});
