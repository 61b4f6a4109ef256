// Lint that catches real bugs (CONVENTIONS.md) and keeps the Nx boundaries honest.
import js from '@eslint/js';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries only reads a cached project graph and silently skips itself when there is
// none. Building (or refreshing) the graph here makes every `eslint` run enforce the boundaries, and a
// graph that cannot be built stops the lint instead of skipping the rule (ADR 0145).
await createProjectGraphAsync({ exitOnError: false });

const KAFKAJS_ONLY_IN_MESSAGING = {
  name: 'kafkajs',
  message: 'Use @plass/messaging; only libs/messaging imports kafkajs.',
};

const LAYER_CONSTRAINTS = [
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  // The test harness drives real services; production libraries never depend on it.
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  // tools, e2e, security and bench drive the stack: the harness is what they are made of.
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:testing'],
  },
];

const SCOPE_CONSTRAINTS = [
  { sourceTag: 'scope:institution', onlyDependOnLibsWithTags: ['scope:institution', 'scope:shared'] },
  { sourceTag: 'scope:housing', onlyDependOnLibsWithTags: ['scope:housing', 'scope:shared'] },
  { sourceTag: 'scope:capacity', onlyDependOnLibsWithTags: ['scope:capacity', 'scope:shared'] },
  { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

/** A service's production code never imports the test harness; its tests may (the override below). */
function moduleBoundaries({ appsMayUseTesting }) {
  const appLibs = ['type:feature', 'type:data-access', 'type:util'];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: [
        {
          sourceTag: 'type:app',
          onlyDependOnLibsWithTags: appsMayUseTesting ? [...appLibs, 'type:testing'] : appLibs,
        },
        ...LAYER_CONSTRAINTS,
        ...SCOPE_CONSTRAINTS,
      ],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.nx/**',
      'coverage/**',
      'infra/**',
      '**/*.js',
      '**/*.mjs',
      'services/web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // NestJS needs runtime class references in constructor parameters for dependency injection.
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': ['error', { paths: [KAFKAJS_ONLY_IN_MESSAGING] }],
      '@nx/enforce-module-boundaries': moduleBoundaries({ appsMayUseTesting: false }),
    },
  },
  {
    // The dashboard: the same TypeScript rules, plus the rules of hooks and the React Compiler's checks.
    files: ['services/web/**/*.ts', 'services/web/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['libs/messaging/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'services/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ appsMayUseTesting: true }) },
  },
  {
    // A migration is history: it keeps the SQL it ran, never a live constant that may change later.
    files: ['services/*/src/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [KAFKAJS_ONLY_IN_MESSAGING],
          patterns: [
            {
              group: ['@plass/*'],
              message: 'A migration inlines its SQL as it was when written (ADR 0146).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
