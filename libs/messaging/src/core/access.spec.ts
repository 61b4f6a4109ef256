import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import { KAFKA_PRINCIPALS, KAFKA_SUPER_USER, kafkaAcls, topicsOf } from './access';

/** The name of a kafkajs enum value (its enums are plain objects, without reverse mapping). */
const nameOf = (e: object, value: number) =>
  Object.entries(e).find(([, v]) => v === value)?.[0] ?? String(value);

/** "operation resourceType:pattern:name" of a principal's ACLs, for readable expectations. */
function grants(acls: AclEntry[], principal: string): string[] {
  return acls
    .filter((a) => a.principal === `User:${principal}`)
    .map(
      (a) =>
        `${nameOf(AclOperationTypes, a.operation)} ${nameOf(AclResourceTypes, a.resourceType)}:` +
        `${nameOf(ResourcePatternTypes, a.resourcePatternType)}:${a.resourceName}`,
    )
    .sort();
}

describe(kafkaAcls.name, () => {
  const acls = kafkaAcls('');

  it('lets the housing service write only its own topic and read nothing', () => {
    expect(grants(acls, 'housing-service')).toEqual(['WRITE TOPIC:LITERAL:housing.availability.v1']);
  });

  it('lets the institution service write its topics and read only the referrals, for offers', () => {
    expect(grants(acls, 'institution-service')).toEqual(
      [
        'READ GROUP:PREFIXED:institution-service',
        'READ TOPIC:LITERAL:intake.referrals.v1',
        'WRITE TOPIC:LITERAL:institution.occupancy.v1',
        'WRITE TOPIC:LITERAL:institution.reservations.v1',
        'WRITE TOPIC:LITERAL:intake.referrals.v1.dlq',
      ].sort(),
    );
  });

  it('lets the capacity service read the sources (and dead-letter them) and write its own topics', () => {
    expect(grants(acls, 'capacity-service')).toEqual(
      [
        'READ GROUP:PREFIXED:capacity-service',
        'READ TOPIC:LITERAL:housing.availability.v1',
        'READ TOPIC:LITERAL:institution.occupancy.v1',
        'READ TOPIC:LITERAL:intake.purchases.v1',
        'READ TOPIC:LITERAL:intake.referrals.v1',
        'WRITE TOPIC:LITERAL:capacity.alerts.v1',
        'WRITE TOPIC:LITERAL:capacity.changed.v1',
        'WRITE TOPIC:LITERAL:housing.availability.v1.dlq',
        'WRITE TOPIC:LITERAL:institution.occupancy.v1.dlq',
        'WRITE TOPIC:LITERAL:intake.purchases.v1.dlq',
        'WRITE TOPIC:LITERAL:intake.referrals.v1.dlq',
      ].sort(),
    );
  });

  it('lets the gateway only read, besides the dead-letter topics of what it reads', () => {
    expect(grants(acls, 'gateway')).toEqual(
      [
        'READ GROUP:PREFIXED:gateway',
        'READ TOPIC:LITERAL:capacity.alerts.v1',
        'READ TOPIC:LITERAL:capacity.changed.v1',
        'READ TOPIC:LITERAL:intake.referrals.v1',
        'WRITE TOPIC:LITERAL:capacity.alerts.v1.dlq',
        'WRITE TOPIC:LITERAL:capacity.changed.v1.dlq',
        'WRITE TOPIC:LITERAL:intake.referrals.v1.dlq',
      ].sort(),
    );
  });

  it('lets the intake service write only its referrals topic and read the units and the refusals', () => {
    expect(grants(acls, 'intake-service')).toEqual(
      [
        'READ GROUP:PREFIXED:intake-service',
        'READ TOPIC:LITERAL:institution.occupancy.v1',
        'READ TOPIC:LITERAL:institution.reservations.v1',
        'WRITE TOPIC:LITERAL:institution.occupancy.v1.dlq',
        'WRITE TOPIC:LITERAL:institution.reservations.v1.dlq',
        'WRITE TOPIC:LITERAL:intake.purchases.v1',
        'WRITE TOPIC:LITERAL:intake.referrals.v1',
      ].sort(),
    );
  });

  it('lets ops read every topic and group, delete groups, and write the source topics only', () => {
    expect(grants(acls, 'ops')).toEqual(
      [
        'DELETE GROUP:LITERAL:*',
        'READ GROUP:LITERAL:*',
        'READ TOPIC:LITERAL:*',
        'WRITE TOPIC:LITERAL:housing.availability.v1',
        'WRITE TOPIC:LITERAL:institution.occupancy.v1',
        'WRITE TOPIC:LITERAL:intake.purchases.v1',
        'WRITE TOPIC:LITERAL:intake.referrals.v1',
      ].sort(),
    );
  });

  it('never grants the cluster, CREATE, ALTER or a wildcard write', () => {
    for (const a of acls) {
      expect(a.resourceType).not.toBe(AclResourceTypes.CLUSTER);
      expect([AclOperationTypes.READ, AclOperationTypes.WRITE, AclOperationTypes.DELETE]).toContain(
        a.operation,
      );
      if (a.operation === AclOperationTypes.WRITE) expect(a.resourceName).not.toBe('*');
    }
  });

  it('puts a test namespace under its prefix, and ops only on that namespace', () => {
    const test = kafkaAcls('test.t1');
    expect(grants(test, 'institution-service')).toContain(
      'WRITE TOPIC:LITERAL:test.t1.institution.occupancy.v1',
    );
    expect(grants(test, 'institution-service')).toContain('READ GROUP:PREFIXED:test.t1.institution-service');
    expect(grants(test, 'capacity-service')).toContain('READ GROUP:PREFIXED:test.t1.capacity-service');
    expect(grants(test, 'ops')).toEqual(
      [
        'DELETE GROUP:PREFIXED:test.t1.',
        'READ GROUP:PREFIXED:test.t1.',
        'READ TOPIC:PREFIXED:test.t1.',
        'WRITE TOPIC:LITERAL:test.t1.housing.availability.v1',
        'WRITE TOPIC:LITERAL:test.t1.institution.occupancy.v1',
        'WRITE TOPIC:LITERAL:test.t1.intake.purchases.v1',
        'WRITE TOPIC:LITERAL:test.t1.intake.referrals.v1',
      ].sort(),
    );
  });
});

describe(topicsOf.name, () => {
  it('names the topics a service needs at boot', () => {
    expect(topicsOf('gateway')).toEqual(['capacity.changed.v1', 'capacity.alerts.v1', 'intake.referrals.v1']);
    expect(topicsOf('institution-service')).toEqual([
      'institution.occupancy.v1',
      'institution.reservations.v1',
      'intake.referrals.v1',
    ]);
    expect(topicsOf('intake-service')).toEqual([
      'intake.referrals.v1',
      'intake.purchases.v1',
      'institution.occupancy.v1',
      'institution.reservations.v1',
    ]);
    expect(topicsOf('capacity-service')).toContain('intake.referrals.v1');
    expect(topicsOf('capacity-service')).toContain('intake.purchases.v1');
    expect(topicsOf('not-a-service')).toEqual([]);
  });
});

describe('the principals of infra/kafka/kafka.sh', () => {
  it('are the super user and exactly the principals the ACLs are for', () => {
    const script = readFileSync(path.resolve(__dirname, '../../../../infra/kafka/kafka.sh'), 'utf8');
    const superUser = /^SUPER_USER=(\S+)$/m.exec(script)?.[1];
    const list = /^PRINCIPALS=\(([^)]*)\)$/m.exec(script)?.[1].split(/\s+/);
    expect(superUser).toBe(KAFKA_SUPER_USER);
    expect(list).toEqual(['"$SUPER_USER"', ...KAFKA_PRINCIPALS]);
  });
});
