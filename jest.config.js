// Unit tests (src/, *.spec.ts) need no database; integration tests share one migrated template.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.test-build/'],
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.test-build/'],
      transform,
      testMatch: ['<rootDir>/integration-tests/**/*.test.ts'],
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/integration-tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/integration-tests/support/global-teardown.ts',
    },
  ],
};
