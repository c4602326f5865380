// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      // StrykerJS's sandbox copy of the repository (npm run test:mutation).
      '.stryker-tmp/**',
      '.data/**',
      // Generated from docs/openapi.json (npm run client:generate).
      'libs/client/src/schema.ts',
      'coverage/**',
      'bench/results/**',
      'jest.config.js',
      'jest.stryker.config.js',
      'jest.sequencer.js',
      'stryker.config.mjs',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The web app (apps/web, its own tsconfig.json, which the project service finds): the rules of hooks.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Workflow code is deterministic: no Node built-ins, no Nest, TypeORM or BullMQ.
    files: [
      'libs/**/*.workflow.ts',
      'libs/**/workflow/*.contract.ts',
      'libs/workflows/src/workflows.ts',
      'libs/workflows/src/kit/*.ts',
      'libs/workflows/src/*/*-state.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'child_process'],
              message: 'workflow code may not use Node built-ins',
            },
            {
              group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', '@liaison/*', '!@liaison/domain'],
              message: 'workflow code imports only @temporalio/workflow, @liaison/domain and its own files by relative path',
            },
          ],
        },
      ],
    },
  },
);
