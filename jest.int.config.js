// Integration and end-to-end tier: *.int-spec.ts against real Kafka, PostgreSQL and Redis.
module.exports = {
  projects: require('./jest.preset').allProjects('int'),
  maxWorkers: 1,
  // testTimeout is a global option: in a project's config Jest ignores it.
  testTimeout: 60_000,
  // Kafka clients inside tests can keep a reconnect timer alive for a moment after the last test;
  // every suite disposes its stack and clients, so exit instead of waiting on such a timer.
  // forceExit: true,
};
