import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  // Source files import siblings as './x.js' (what Node's ESM needs); map them back to the .ts files.
  moduleNameMapper: {
    // Examples import the package by name, as users do (tsconfig.json `paths` does the same for tsc and tsx).
    '^rxllm$': '<rootDir>/src/index.ts',
    '^rxllm/testing$': '<rootDir>/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30_000,
  maxWorkers: 2,
};

export default config;
