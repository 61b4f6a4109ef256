// Integration and end-to-end tier: *.int-spec.ts against real Kafka, PostgreSQL and Redis.
module.exports = {
  projects: require('./jest.preset').allProjects('int'),
  maxWorkers: 1,
  // testTimeout is a global option: in a project's config Jest ignores it.
  testTimeout: 60_000,
  // No forceExit: every suite closes what it opens (stack, Kafka clients, pools, timers), so the run
  // exits by itself; a handle left open shows up with --detectOpenHandles (ADR 0123).
};
