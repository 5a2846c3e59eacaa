/** One jest run, three projects: the engine's conformance suite, the API, and the Taro components. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/e2e/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'engine',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/embedded-mongo/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/**/*.test.ts', '<rootDir>/shared/**/*.test.ts', '<rootDir>/test/api/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '/server/embedded-mongo/'],
    },
    {
      ...shared,
      // Pure client logic (API client retries, error mapping); pages are tested through the H5 build.
      displayName: 'client',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/miniprogram/**/*.test.ts'],
    },
  ],
};
