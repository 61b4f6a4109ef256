// Integration and end-to-end tier: *.int-spec.ts against real Kafka, PostgreSQL and Redis.
module.exports = {
  projects: require('./jest.preset').allProjects('int'),
  maxWorkers: 1,
};
