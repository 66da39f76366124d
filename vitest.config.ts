import { defineConfig } from 'vitest/config';
import { arimaAliases } from './arima-aliases.ts';

export default defineConfig({
  resolve: { alias: arimaAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser at a time: the machine has 2 cores and DuckDB is heavy.
          fileParallelism: false,
        },
      },
    ],
  },
});
