/**
 * The inner loop (`npm run test:fast`): every unit spec and e2e spec of `npm test` except the
 * suites that are about volume, not behaviour: the fuzz properties (test/fuzz: thousands of
 * generated requests over HTTP), the load test (test/load: 1,000 logins) and the token-login
 * flood (10,000 requests). CI runs them through `npm test`; run that before you push.
 * All cores: the e2e specs spend their time in one process each (app and emulator together).
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '/test/fuzz/',
    '/test/load/',
    '/test/security/token-login-flood\\.e2e-spec\\.ts$',
  ],
  maxWorkers: '100%',
};
