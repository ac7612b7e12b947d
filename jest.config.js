/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  moduleNameMapper: {
    '\\.(css)$': '<rootDir>/test/support/style-stub.js',
  },
  setupFiles: ['<rootDir>/test/support/setup.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-after-env.js'],
  testTimeout: 60000,
  // Coverage: `npm test` runs jest --coverage, so the thresholds below are enforced on every run (and in CI);
  // `npm run test:unit` and plain `jest` stay without it (it adds about 45 % to the run time). The thresholds are the figures measured when they were set (statements
  // 90.3 %, branches 79.8 %, functions 83.4 %, lines 92.0 %) minus two points: a change that drops coverage fails.
  collectCoverageFrom: [
    'src/**/*.{ts,tsx}',
    // The pane's browser boot (createRoot, Office.onReady): it runs only in the end-to-end test, inside Chromium,
    // where jest does not measure coverage.
    '!src/taskpane/index.tsx',
  ],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    global: { statements: 88, branches: 77, functions: 81, lines: 90 },
  },
};
