import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { deadLetterTopic, TOPICS } from '@plass/contracts';
import { OPS_WRITES, SERVICE_ACCESS } from '../core/access';
import { kafkaAsyncApi } from './kafka-asyncapi';

async function errorsOf(document: unknown): Promise<string[]> {
  const diagnostics = await new Parser().validate(JSON.stringify(document));
  return (
    diagnostics
      // Two copies of @stoplight/types' enum: compare the numbers.
      .filter((d) => Number(d.severity) === Number(DiagnosticSeverity.Error))
      .map((d) => `${d.code} at ${d.path.join('/')}: ${d.message}`)
  );
}

describe('the AsyncAPI document of the Kafka contract', () => {
  const doc = kafkaAsyncApi();

  it('is valid AsyncAPI 3.0 for the official parser', async () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(await errorsOf(doc)).toEqual([]);
  });

  it('is checked by the parser for real: a broken reference is an error', async () => {
    const broken = structuredClone(doc);
    const [first] = Object.values(broken.operations);
    first.channel = { $ref: '#/channels/noSuchChannel' };
    expect((await errorsOf(broken)).length).toBeGreaterThan(0);
  });

  it('is what docs/asyncapi.json holds (npm run -s asyncapi writes it)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../../docs/asyncapi.json'), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('sends and receives exactly what the ACLs allow each service', () => {
    const ops = Object.values(doc.operations) as {
      action: string;
      channel: { $ref: string };
      tags: { name: string }[];
    }[];
    const topicOf = (channelRef: string) =>
      doc.channels[channelRef.replace('#/channels/', '')].address as string;
    const actual = ops.map((o) => `${o.tags[0].name} ${o.action} ${topicOf(o.channel.$ref)}`).sort();

    const expected: string[] = [];
    for (const [service, access] of Object.entries(SERVICE_ACCESS)) {
      for (const t of access.writes) expected.push(`${service} send ${t}`);
      for (const t of access.reads) {
        expected.push(`${service} receive ${t}`, `${service} send ${deadLetterTopic(t)}`);
      }
    }
    const all = Object.values(TOPICS);
    for (const t of [...all, ...all.map(deadLetterTopic)]) expected.push(`ops receive ${t}`);
    for (const t of OPS_WRITES) expected.push(`ops send ${t}`);
    expect(actual).toEqual(expected.sort());
  });

  it('has the partitions and retention the topics are created with', () => {
    const binding = (address: string) =>
      (
        Object.values(doc.channels).find((c) => c.address === address)?.bindings as {
          kafka: { partitions: number; topicConfiguration?: Record<string, number> };
        }
      ).kafka;
    expect(binding(TOPICS.institutionOccupancy).topicConfiguration?.['retention.ms']).toBe(-1);
    expect(binding(TOPICS.capacityChanged).topicConfiguration?.['retention.ms']).toBe(7 * 24 * 3600_000);
    expect(binding(deadLetterTopic(TOPICS.capacityAlerts)).partitions).toBe(1);
    expect(binding(TOPICS.capacityAlerts).partitions).toBe(12);
  });

  it('secures the server with SASL/SCRAM-SHA-512', () => {
    expect(doc.components.securitySchemes.scramSha512).toMatchObject({ type: 'scramSha512' });
    expect(doc.servers.development.security).toEqual([{ $ref: '#/components/securitySchemes/scramSha512' }]);
  });
});
