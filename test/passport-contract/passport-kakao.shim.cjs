/* global require, module, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim loaded by mocha */
// Stands in for passport-kakao's src/Strategy so that its own tests run against KakaoStrategy.
// buildOptions() reports what KakaoStrategy really uses: the secret it sends, the scope separator
// and the User-Agent of its requests.
const { KakaoStrategy } = require(process.env.KAKAO_DIST);

function buildOptions(options) {
  const strategy = new KakaoStrategy(
    { clientID: 'k', callbackURL: 'https://app.example/cb', logger: false, ...options },
    () => undefined,
  );
  return {
    clientSecret: strategy._oauth2._clientSecret,
    scopeSeparator: strategy._scopeSeparator,
    customHeaders: { 'User-Agent': strategy.http.baseHeaders['user-agent'] },
  };
}
module.exports = KakaoStrategy;
module.exports.default = KakaoStrategy;
module.exports.buildOptions = buildOptions;
