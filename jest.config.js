/**
 * Four suites, one runner. Node suites test domain rules, the local stand-in and the
 * cloud functions through the real SDK; the pages suite renders mini-program pages with
 * real tdesign components in jsdom (miniprogram-simulate).
 */
const swc = [
  '@swc/jest',
  { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
];

const common = {
  transform: { '^.+\\.(t|j)s$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'standin', testEnvironment: 'node', testMatch: ['<rootDir>/test/standin/**/*.test.ts'] },
    {
      ...common,
      displayName: 'functions',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/functions/**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/build-functions.global.ts',
    },
    {
      ...common,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      // Node builds of packages (bson, ...): live-data page tests run the local cloud in-process.
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/test/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/pages/setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/pages/after-env.ts'],
      globalSetup: '<rootDir>/test/pages/global-setup.ts',
      transformIgnorePatterns: ['/node_modules/'],
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    },
  ],
};
