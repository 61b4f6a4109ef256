// Shared Jest settings: two tiers per project, SWC for speed, workspace libraries mapped to source.
const path = require('node:path');
const fs = require('node:fs');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const tiers = {
  unit: { testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
  int: {
    testMatch: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
    testTimeout: 60_000,
  },
};

/** Jest config for one project directory and tier ('unit' or 'int'). */
function project(dir, tier = process.env.JEST_TIER || 'unit') {
  const root = __dirname;
  return {
    displayName: `${path.relative(root, dir)}${tier === 'int' ? ' (int)' : ''}`,
    rootDir: dir,
    testEnvironment: 'node',
    // jose ships only ES modules: compile it to CommonJS like our own sources.
    transform: { '^.+\\.tsx?$': swc, '/node_modules/jose/.+\\.js$': swc },
    transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    moduleNameMapper: {
      '^@plass/([a-z-]+)$': `${root}/libs/$1/src/index.ts`,
      // The dashboard's entry to the REST contract (services/web's tsconfig.json and vite.config.ts).
      '^@plass/contracts/rest$': `${root}/libs/contracts/src/rest/index.ts`,
    },
    setupFiles: [`${root}/jest.setup.js`],
    ...tiers[tier],
  };
}

/** Every project that has a jest.config.js, for the root configs. */
function allProjects(tier) {
  const root = __dirname;
  return ['libs', 'services']
    .flatMap((group) => {
      const groupDir = path.join(root, group);
      return fs.existsSync(groupDir) ? fs.readdirSync(groupDir).map((name) => path.join(groupDir, name)) : [];
    })
    .concat(['tools', 'e2e', 'security', 'bench'].map((dir) => path.join(root, dir)))
    .filter((dir) => fs.existsSync(path.join(dir, 'jest.config.js')))
    .map((dir) => project(dir, tier));
}

module.exports = { project, allProjects };
