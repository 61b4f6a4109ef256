// Unit tier: *.spec.ts in every project. Fast, no services needed.
module.exports = { projects: require('./jest.preset').allProjects('unit') };
