/** Root jest config: backend unit tests beside the code, cross-component tests in test/. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      roots: ['<rootDir>/backend/src'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'cross',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/integration/', '/browser/'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      // Against a real OpenSearch (OPENSEARCH_URL); run with --runInBand (`npm run test:integration`).
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
    },
  ],
};
