import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const PUBLIC_DOOR = {
  group: ['**/libs/*/src/**', '../../libs/**'],
  message: 'Import a lib through its public door: @app/<lib>.',
};

/** `libs/<name>` may not import these libs (docs/architecture.md, dependency directions). */
const FORBIDDEN_LIB_IMPORTS = {
  // training and brokering write the follow-up schedule; surveys knows neither of them
  surveys: ['training', 'brokering', 'reporting', 'matching', 'opportunities'],
  // nothing below the domain libs knows about surveys
  ...Object.fromEntries(
    [
      'config',
      'database',
      'search',
      'http',
      'embedded',
      'text',
      'mail',
      'webhooks',
      'notifications',
      'identity',
      'profiles',
      'taxonomy',
      'geo',
      'geonames',
      'opportunities',
      'matching',
      'reporting',
    ].map((lib) => [lib, ['surveys']]),
  ),
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'openapi.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [PUBLIC_DOOR],
        },
      ],
    },
  },
  ...Object.entries(FORBIDDEN_LIB_IMPORTS).map(([lib, forbidden]) => ({
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            PUBLIC_DOOR,
            {
              group: forbidden.map((other) => `@app/${other}`),
              message: `libs/${lib} may not depend on this lib (docs/architecture.md).`,
            },
          ],
        },
      ],
    },
  })),
  {
    // Dependency directions (docs/architecture.md): saved-searches uses profiles, opportunities
    // and notifications; no lib imports it back (only the apps load it).
    files: ['libs/*/src/**/*.ts'],
    ignores: ['libs/saved-searches/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import a lib through its public door: @app/<lib>.',
            },
            {
              group: ['@app/saved-searches'],
              message: 'saved-searches depends on other libs, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { globalThis: 'readonly' } },
  },
);
