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
  ],
};
