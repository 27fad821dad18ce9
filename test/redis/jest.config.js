/* global module */
/**
 * `npm run test:redis`: the multi-instance suite against a real redis-server (spawned by the
 * tests on a free port). Kept out of `npm test`, which ignores test/redis/.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/redis'],
  testRegex: '.*\\.e2e-spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};
