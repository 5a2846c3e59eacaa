/** Browser journeys: the real server (as `npm start` runs it) + the H5 build, driven in Chromium. */
const path = require('path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  testTimeout: 180000,
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/e2e/support/no-console-errors.ts'],
};
