import { summarizeAudit } from './audit';
import { summarizeJest, type JestJson } from './jest-results';
import { renderSection, replaceSection, SECTION_END, SECTION_START } from './section';

const jestJson: JestJson = {
  success: false,
  numPassedTests: 2,
  numFailedTests: 1,
  numPendingTests: 0,
  numTotalTestSuites: 2,
  numFailedTestSuites: 1,
  testResults: [
    {
      name: '/repo/security/src/access.int-spec.ts',
      message: '',
      assertionResults: [
        { ancestorTitles: ['access', 'tokens on REST'], title: 'refuses', status: 'passed', duration: 1200 },
        {
          ancestorTitles: ['access', 'tokens on REST'],
          title: 'refuses writes',
          status: 'failed',
          duration: 300,
        },
      ],
    },
    {
      name: '/repo/libs/contracts/src/events/event-contracts.property.spec.ts',
      message: '',
      assertionResults: [
        { ancestorTitles: ['contracts', 'alert.raised'], title: 'x', status: 'passed', duration: 5 },
      ],
    },
  ],
};

describe('the security report', () => {
  it('groups results by what they try and names every failure', () => {
    const summary = summarizeJest(jestJson, '/repo');
    expect(summary.rows).toEqual([
      { area: 'tokens on REST', passed: 1, failed: 1, durationMs: 1500 },
      {
        area: expect.stringMatching(/^Every event validator/) as unknown,
        passed: 1,
        failed: 0,
        durationMs: 5,
      },
    ]);
    expect(summary.failures).toEqual(['access › tokens on REST › refuses writes']);
  });

  it('counts advisories by severity and flags a high one nobody explained', () => {
    const audit = summarizeAudit(
      'npm audit',
      {
        vulnerabilities: {
          lodash: {
            severity: 'high',
            via: [{ title: 'Prototype pollution', url: 'https://x/GHSA-1', severity: 'high' }],
          },
          express: { severity: 'moderate', via: ['body-parser'] },
        },
        metadata: { vulnerabilities: { high: 1, moderate: 1, total: 2 }, dependencies: { total: 900 } },
      },
      [{ package: 'other', why: 'unused' }],
    );
    expect(audit).toMatchObject({
      ran: true,
      counts: { high: 1, moderate: 1, critical: 0 },
      dependencies: 900,
    });
    expect(audit.ran && audit.serious).toEqual([
      {
        package: 'lodash',
        severity: 'high',
        title: 'Prototype pollution',
        url: 'https://x/GHSA-1',
        explanation: undefined,
      },
    ]);
  });

  it('says plainly when npm audit could not run, instead of reporting nothing found', () => {
    const audit = summarizeAudit(
      'npm audit',
      { message: '405 Method Not Allowed - POST https://registry/-/npm/v1/security/advisories/bulk' },
      [],
    );
    expect(audit).toEqual({
      ran: false,
      scope: 'npm audit',
      reason: expect.stringContaining('405') as unknown,
    });
    const section = renderSection({
      finishedAt: new Date('2026-11-23T10:00:00Z'),
      commit: 'abc1234',
      durationMs: 90_000,
      jest: summarizeJest(jestJson, '/repo'),
      audits: [audit],
      installed: { express: '5.2.1' },
    });
    expect(section).toContain('**2 passed, 1 failed**');
    expect(section).toContain('`npm audit` could not run**: the registry answered 405 Method Not Allowed');
    expect(section).toContain('express 5.2.1');
    expect(section).not.toMatch(/No high or critical advisory/);
  });

  it('rewrites only its own section of the page', () => {
    const page = `# Page\n\n<!-- faults:start -->\nfaults\n<!-- faults:end -->\n\n${SECTION_START}\nold\n${SECTION_END}\n`;
    const written = replaceSection(page, 'new');
    expect(written).toBe(
      `# Page\n\n<!-- faults:start -->\nfaults\n<!-- faults:end -->\n\n${SECTION_START}\nnew\n${SECTION_END}\n`,
    );
    expect(() => replaceSection('# Page', 'new')).toThrow(/no <!-- security:start -->/);
  });
});
