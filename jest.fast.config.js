/**
 * The inner loop (`npm run test:fast`): the unit specs and e2e specs of `npm test` except
 * - the suites about volume, not behaviour: the fuzz properties (test/fuzz: thousands of
 *   generated requests over HTTP), the load test (test/load: 1,000 logins) and the token-login
 *   flood (10,000 requests);
 * - the build checks, which spend their time compiling: a tsc build of the entry points, the
 *   type-check of the docs snippets, a ts-node start of each entry.
 * CI runs them all through `npm test`; run that before you push. All cores: each e2e spec runs
 * its app and the emulator in one process.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '/test/fuzz/',
    '/test/load/',
    '/test/security/token-login-flood\\.e2e-spec\\.ts$',
    '/test/package/(entry-points|readme-snippets)\\.e2e-spec\\.ts$',
    '/test/nest/core-entry\\.e2e-spec\\.ts$',
  ],
  maxWorkers: '100%',
};
