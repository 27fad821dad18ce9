/**
 * A full OpenID Connect login by openid-client v6 against a running KakaoEmulator: discovery,
 * PKCE (S256), state, nonce, id_token validation (claims and RS256 signature from the JWKS),
 * userinfo, refresh; then the same client refusing a wrong nonce and a wrong PKCE verifier.
 *
 * openid-client is ESM-only, which Jest's module system cannot load: the e2e spec
 * (openid-client.e2e-spec.ts) runs this file in its own Node process and checks what it prints.
 * Input: ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI in the environment. Output: one JSON line.
 */
import * as client from 'openid-client';

const { ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env as Record<string, string>;

async function authorize(config: client.Configuration, params: Record<string, string>) {
  const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, ...params });
  // The emulator auto-approves: Kakao's answer is the redirect back to the app.
  const answer = await fetch(url, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`authorize: ${answer.status}`);
  return new URL(location);
}

async function main() {
  const config = await client.discovery(
    new URL(ISSUER),
    CLIENT_ID,
    undefined,
    client.ClientSecretPost(CLIENT_SECRET),
    { execute: [client.allowInsecureRequests] },
  );
  // Check id_token signatures against the JWKS too, not only the claims.
  client.enableNonRepudiationChecks(config);

  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const callback = await authorize(config, {
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: state,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);

  const refusals: Record<string, string> = {};
  for (const [name, change] of [
    ['wrong nonce', { expectedNonce: client.randomNonce() }],
    ['wrong PKCE verifier', { pkceCodeVerifier: client.randomPKCECodeVerifier() }],
  ] as const) {
    const otherVerifier = client.randomPKCECodeVerifier();
    const otherNonce = client.randomNonce();
    const otherCallback = await authorize(config, {
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(otherVerifier),
      code_challenge_method: 'S256',
      nonce: otherNonce,
    });
    const honest = { pkceCodeVerifier: otherVerifier, expectedNonce: otherNonce };
    try {
      await client.authorizationCodeGrant(config, otherCallback, {
        ...honest,
        ...change,
        idTokenExpected: true,
      });
      refusals[name] = 'accepted';
    } catch (error) {
      // oauth4webapi names the failed claim in the cause's cause.
      const { cause } = error as { cause?: { code?: string; cause?: { claim?: string } } };
      const claim = cause ? ` (${cause.code ?? ''} ${cause.cause?.claim ?? ''})` : '';
      const body = (error as { error?: string; error_description?: string }).error;
      refusals[name] = `${(error as Error).name}: ${body ?? (error as Error).message}${claim}`;
    }
  }

  process.stdout.write(
    `${JSON.stringify({
      issuer: config.serverMetadata().issuer,
      idTokenClaims: claims,
      scope: tokens.scope,
      userinfo,
      refreshed: {
        newAccessToken: refreshed.access_token !== tokens.access_token,
        idTokenSub: refreshed.claims()?.sub,
      },
      refusals,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
