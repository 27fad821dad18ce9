/**
 * The inner loop (`npm run test:fast`): every unit spec and e2e spec of `npm test` except the
 * fuzz properties (test/fuzz: thousands of generated requests over HTTP) and the load test
 * (test/load: 1,000 logins). CI runs those through `npm test`; run them before you push.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/test/fuzz/', '/test/load/'],
};
