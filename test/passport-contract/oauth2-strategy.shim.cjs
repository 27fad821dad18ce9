/* global require, module, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim loaded by mocha */
// Stands in for passport-oauth2's lib/strategy.js so that its own test suite runs against
// KakaoStrategy. MODE=asis passes the options through; MODE=defaults maps passport-oauth2's
// defaults (state and PKCE off unless asked, userProfile yielding {}), to check the rest of the
// contract. A strategy that cannot be built fails each test that uses it, one by one.
const { KakaoStrategy } = require(process.env.KAKAO_DIST);
const MODE = process.env.MODE || 'asis';

function mapOptions(options) {
  const out = { ...(options || {}), logger: false };
  if (MODE === 'defaults') {
    if (out.state === undefined && !out.store) out.state = false;
    if (out.pkce === undefined) out.pkce = false;
  }
  return out;
}

function OAuth2Strategy(options, verify) {
  if (typeof options === 'function') {
    verify = options;
    options = undefined;
  }
  let inner;
  try {
    inner = new KakaoStrategy(mapOptions(options), verify);
  } catch (err) {
    if (!options || !verify || !options.clientID) throw err; // the constructor's own tests
    inner = Object.create(KakaoStrategy.prototype);
    inner.name = 'kakao';
    inner._oauth2 = {};
    inner.authenticate = function () {
      this.error(err);
    };
  }
  // Called as the parent constructor of a util.inherits subclass: `this` takes the fields.
  const asParent = this instanceof OAuth2Strategy && this.constructor !== OAuth2Strategy;
  const strategy = asParent ? Object.assign(this, inner) : inner;
  if (MODE === 'defaults' && strategy.userProfile === KakaoStrategy.prototype.userProfile)
    strategy.userProfile = (_accessToken, done) => done(null, {});
  return strategy;
}
OAuth2Strategy.prototype = KakaoStrategy.prototype;
module.exports = OAuth2Strategy;
