// `npm run test:security`: every security test in one run, for the report in docs/reliability.md — the
// event validators' properties, the services' body guard and the gateway's limits (unit), the two
// stack tests in security/src, Kafka's authentication and ACLs, and the live sockets' scopes, expiry,
// origins and metrics port (integration). `npm test` runs the same files in its own tiers.
const path = require('node:path');
const { project } = require('../jest.preset');

const root = path.resolve(__dirname, '..');
const unitFiles = (dir, files) => ({
  ...project(path.join(root, dir), 'unit'),
  displayName: `${dir} (security)`,
  testMatch: files.map((file) => `<rootDir>/${file}`),
});

const intFiles = (dir, files) => ({
  ...project(path.join(root, dir), 'int'),
  displayName: `${dir} (security, int)`,
  testMatch: files.map((file) => `<rootDir>/${file}`),
});

module.exports = {
  projects: [
    unitFiles('libs/contracts', ['src/events/event-contracts.property.spec.ts']),
    unitFiles('libs/observability', ['src/nest/strict-validation.pipe.spec.ts']),
    unitFiles('services/gateway', ['src/security/**/*.spec.ts']),
    project(__dirname, 'unit'),
    project(__dirname, 'int'),
    intFiles('services/capacity-service', ['test/kafka-access.int-spec.ts']),
    intFiles('e2e', ['src/live-scopes.int-spec.ts']),
  ],
  maxWorkers: 1,
  // testTimeout is a global option: in a project's config Jest ignores it.
  testTimeout: 60_000,
};
