import type { FaultRow } from './faults';
import {
  formatFaultTable,
  jsonReport,
  markdownSection,
  replaceSection,
  REPLICAS_SECTION,
  SECTION_END,
  SECTION_START,
} from './report';

const row = (overrides: Partial<FaultRow> = {}): FaultRow => ({
  key: 'kafka-restart',
  fault: 'Kafka broker stopped and started',
  acked: 80,
  reflected: 80,
  uncertain: 2,
  uncertainApplied: 1,
  rejected: 0,
  drift: [],
  problems: [],
  recoveryMs: 6200,
  quietMs: 1000,
  durationMs: 30_000,
  passed: true,
  notes: ['broker down 11.5 s'],
  ...overrides,
});

const meta = {
  startedAt: new Date('2026-11-23T10:00:00Z'),
  durationMs: 250_000,
  machine: '2 cores',
  selfTestMissed: [],
};

describe('fault report', () => {
  it('replaces only what lies between the markers', () => {
    const doc = `# Title\n\n${SECTION_START}\nold\n${SECTION_END}\n\n## Security\n<!-- security:start -->\nkeep\n<!-- security:end -->\n`;
    const updated = replaceSection(doc, 'new table');
    expect(updated).toBe(
      `# Title\n\n${SECTION_START}\nnew table\n\n${SECTION_END}\n\n## Security\n<!-- security:start -->\nkeep\n<!-- security:end -->\n`,
    );
    expect(replaceSection(updated, 'newer')).toContain(`${SECTION_START}\nnewer\n\n${SECTION_END}`);
  });

  it('refuses a document without the section', () => {
    expect(() => replaceSection('# nothing here', 'x')).toThrow(/faults:start/);
  });

  it('shows acknowledged, reflected, drift and recovery per fault, and says when a check failed', () => {
    const broken = row({
      key: 'redis-restart',
      fault: 'Redis',
      passed: false,
      drift: ['city occupied: 3 vs 4'],
    });
    const table = formatFaultTable([row(), broken]);
    expect(table).toMatch(/Kafka broker stopped and started\s+80\s+80\s+0\s+6\.2 s\s+2 \(1\)\s+pass/);
    expect(table).toMatch(/Redis\s+80\s+80\s+1\s+6\.2 s\s+2 \(1\)\s+FAIL/);
    const section = markdownSection([row(), broken], meta);
    expect(section).toContain('| Kafka broker stopped and started | 80 | 80 | 0 | 6.2 s | 2 (1) | pass |');
    expect(section).toContain('**a check failed**');
    expect(section).toContain('**drift:** city occupied: 3 vs 4');
  });

  it('keeps a --replicas run in its own section and JSON, naming the command and the replicas', () => {
    const [open, close] = REPLICAS_SECTION;
    const doc = `${SECTION_START}\none instance\n${SECTION_END}\n\n${open}\nstale table\n${close}\n`;
    const section = markdownSection([row()], { ...meta, replicas: 2 });
    expect(section).toContain('`npm run test:faults -- --replicas 2`');
    expect(section).toContain('2 gateways and 2 capacity-service instances behind local proxies');
    expect(section).toContain('(reliability-faults-replicas.json)');
    const updated = replaceSection(doc, section, true, REPLICAS_SECTION);
    expect(updated).toContain(`${SECTION_START}\none instance\n${SECTION_END}`);
    expect(updated).not.toContain('stale table');
    const json = JSON.parse(jsonReport([row()], { ...meta, replicas: 2 })) as {
      command: string;
      replicas: number;
    };
    expect(json).toMatchObject({ command: 'npm run test:faults -- --replicas 2', replicas: 2 });
    expect(JSON.parse(jsonReport([row()], meta))).toMatchObject({
      command: 'npm run test:faults',
      replicas: 1,
    });
  });
});
