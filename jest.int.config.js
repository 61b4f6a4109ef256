// Integration and end-to-end tier: *.int-spec.ts against real Kafka, PostgreSQL and Redis.
module.exports = {
  projects: require('./jest.preset').allProjects('int'),
  maxWorkers: 1,
  // testTimeout is a global option: in a project's config Jest ignores it.
  testTimeout: 60_000,
};
