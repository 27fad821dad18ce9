/* global module */
/** `npm run test:browser`: real-browser e2e of the samples (Debian's Chromium, headless). */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testRegex: '.*\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 90_000,
  // One Chromium at a time: the suites are few and a CI machine may be small.
  maxWorkers: 1,
};
