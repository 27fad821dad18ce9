import {
  authErrorReply,
  jsonReply,
  type EmulatorRequest,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import type { EmulatorState } from './emulator-state';

/** The discovery document of reference §1.6, endpoints pointing at this emulator. */
export function discoveryDocument(state: EmulatorState): Record<string, unknown> {
  return {
    issuer: state.issuer,
    authorization_endpoint: `${state.authBaseURL}/oauth/authorize`,
    token_endpoint: `${state.authBaseURL}/oauth/token`,
    userinfo_endpoint: `${state.apiBaseURL}/v1/oidc/userinfo`,
    jwks_uri: `${state.authBaseURL}/.well-known/jwks.json`,
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    request_uri_parameter_supported: false,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: [
      'iss',
      'aud',
      'sub',
      'auth_time',
      'exp',
      'iat',
      'nonce',
      'nickname',
      'picture',
      'email',
    ],
  };
}

/** tokeninfo failure codes: KOE400 malformed, KOE401 issuer, KOE402 signature, KOE403 expired (§1.6, §1.7). */
const TOKENINFO_ERRORS = {
  malformed: ['KOE400', 'invalid id_token'],
  issuer: ['KOE401', 'invalid issuer'],
  signature: ['KOE402', 'invalid signature'],
  expired: ['KOE403', 'id_token expired'],
} as const;

function tokeninfo(state: EmulatorState, request: EmulatorRequest): Reply {
  const idToken = request.params.id_token;
  if (!idToken) return authErrorReply(400, 'invalid_token', 'id_token is required', 'KOE400');
  const result = state.signer.check(idToken, state.issuer, state.nowSec());
  if (!result.ok) {
    const [code, description] = TOKENINFO_ERRORS[result.reason];
    return authErrorReply(400, 'invalid_token', description, code);
  }
  return jsonReply(200, result.payload);
}

export function kauthOidcRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'GET /.well-known/openid-configuration': () => jsonReply(200, discoveryDocument(state)),
    'GET /.well-known/jwks.json': () => jsonReply(200, state.signer.jwks()),
    'POST /oauth/tokeninfo': (request) => tokeninfo(state, request),
  };
}
