/**
 * One-line fixes for the KOE codes users hit most (reference/kakao-api.md §1.7). Kept apart from
 * the error class so the README's error table and the code cannot drift.
 *
 * @internal
 */
export const KOE_HINTS: Readonly<Record<string, string>> = {
  KOE001:
    'The request to Kakao had a missing or malformed parameter; check client_id, redirect_uri and response_type.',
  KOE002:
    'Wrong Kakao URL: authorize at https://kauth.kakao.com/oauth/authorize and exchange codes at /oauth/token.',
  KOE003: 'Temporary Kakao OAuth error; retry later.',
  KOE004:
    'Kakao Login is switched off for this app; enable it under [Kakao Login] in the Kakao Developers console.',
  KOE005:
    'The app is in test mode and this Kakao account is not a team member; add it under [Team] or publish the app.',
  KOE006:
    'The redirect URI (callbackURL) is not registered; add it exactly (scheme, host, port, path, no trailing slash) under [Kakao Login] > [Redirect URI].',
  KOE007:
    'The logout redirect URI is not registered; add it under [Kakao Login] > [Logout Redirect URI].',
  KOE008:
    'Wrong app key type; clientID must be the REST API key, not the JavaScript, native or admin key.',
  KOE009:
    'The platform is not registered for this app; register the Web platform domain in the Kakao Developers console.',
  KOE010:
    'Client secret missing or wrong; set clientSecret to the value under [Kakao Login] > [Security] > [Client Secret] (it is ON by default for new REST API keys).',
  KOE101: 'Unknown app key; clientID must be the REST API key of your app (check for typos).',
  KOE205:
    'A requested consent item is not configured for the app (account_email needs a Biz app, openid needs OIDC switched on); remove it from scope or configure it under [Consent Items].',
  KOE237: 'Kakao token issuance rate limit exceeded; slow down and retry later.',
  KOE303:
    'The redirect_uri of the token request differs from the one used at authorize; use the same callbackURL for both.',
  KOE319: 'No refresh_token was sent; pass the refresh token Kakao issued.',
  KOE320:
    'The authorization code was already used, expired (10 min) or never issued; exchange each code once (do not run the callback guard and your own exchange both).',
  KOE322:
    'The refresh token is expired, was rotated away or the user unlinked; log the user in again and store the rotated refresh token whenever Kakao returns one.',
  KOE400: 'The id_token is invalid.',
  KOE401: 'The id_token issuer is wrong.',
  KOE402: 'The id_token signature is invalid.',
  KOE403: 'The id_token has expired.',
};
