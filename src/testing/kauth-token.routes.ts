import { createHash } from 'node:crypto';
import {
  authErrorReply,
  jsonReply,
  JSON_CONTENT_TYPE,
  type EmulatorRequest,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import type { EmulatorState } from './emulator-state';
import { resolveClientCredentials } from './client-basic-auth';
import { issueTokens, refreshTokens, type EmulatorTokenResponse } from './token.issuer';
import { CODE_LIFETIME_MS } from './token.store';
import { restApiKey } from './app-keys';

/**
 * PKCE failures: Kakao documents no dedicated code (PKCE is absent from its token table), so the
 * emulator answers like an unusable code: invalid_grant / KOE320.
 */
export const PKCE_ERROR_CODE = 'KOE320';

const invalidGrant = (code: string, description: string) =>
  authErrorReply(400, 'invalid_grant', description, code);

function codeNotFound(code: string): Reply {
  // Kakao echoes the code; the emulator shows a prefix only, so logs never hold a usable code.
  const prefix = code.length > 6 ? `${code.slice(0, 6)}…` : code;
  return invalidGrant('KOE320', `authorization code not found for code=${prefix}`);
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function exchangeCode(
  state: EmulatorState,
  params: Record<string, string>,
): Reply | EmulatorTokenResponse {
  if (!params.code) return authErrorReply(400, 'invalid_request', 'code is required', 'KOE001');
  const record = state.tokens.peekCode(params.code);
  if (
    !record ||
    state.now() - record.createdAt > CODE_LIFETIME_MS ||
    record.clientId !== params.client_id
  ) {
    return codeNotFound(params.code);
  }
  if (params.redirect_uri !== record.redirectUri) {
    return invalidGrant('KOE303', 'Redirect URI mismatch.');
  }
  if (record.codeChallenge !== undefined) {
    const verifier = params.code_verifier;
    if (!verifier || s256(verifier) !== record.codeChallenge) {
      return invalidGrant(
        PKCE_ERROR_CODE,
        'code_verifier does not match the code_challenge (PKCE).',
      );
    }
  } else if (params.code_verifier !== undefined) {
    // RFC 9700 2.1.1: a verifier for a code issued without a challenge means the challenge was
    // stripped from the authorize request (PKCE downgrade); a server must refuse it.
    return invalidGrant(
      PKCE_ERROR_CODE,
      'code_verifier sent for a code issued without code_challenge (PKCE downgrade).',
    );
  }
  state.tokens.takeCode(params.code);
  const user = state.user(record.userId);
  if (!user?.linked) return codeNotFound(params.code);
  return issueTokens(state, {
    user,
    clientId: record.clientId,
    openid: record.openid,
    nonce: record.nonce,
    authTime: record.authTime,
  });
}

function refresh(
  state: EmulatorState,
  params: Record<string, string>,
): Reply | EmulatorTokenResponse {
  if (!params.refresh_token) return invalidGrant('KOE319', 'refresh_token is required');
  const record = state.tokens.refreshToken(params.refresh_token);
  const user = record ? state.user(record.userId) : undefined;
  if (
    !record ||
    !user?.linked ||
    record.expiresAt <= state.now() ||
    record.clientId !== params.client_id
  ) {
    return invalidGrant('KOE322', 'expired_or_invalid_refresh_token');
  }
  return refreshTokens(state, record, user);
}

/** POST /oauth/token (reference §1.2, errors §1.7). */
function token(state: EmulatorState, request: EmulatorRequest): Reply {
  if (!request.isForm) {
    return authErrorReply(
      400,
      'invalid_request',
      'Content-Type must be application/x-www-form-urlencoded',
      'KOE001',
    );
  }
  const credentials = resolveClientCredentials(state, request, request.form ?? {});
  if ('reply' in credentials) return credentials.reply;
  const params = credentials.params;
  const grantType = params.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return authErrorReply(
      400,
      'invalid_request',
      `unsupported grant_type: ${grantType ?? ''}`,
      'KOE001',
    );
  }
  if (!state.isKnownClient(params.client_id)) {
    return authErrorReply(
      401,
      'invalid_client',
      `Not exist client_id [${params.client_id ?? ''}]`,
      'KOE101',
    );
  }
  const secret = restApiKey(state.options, params.client_id)?.clientSecret;
  if (secret !== undefined && params.client_secret !== secret) {
    return authErrorReply(401, 'invalid_client', 'Bad client credentials', 'KOE010');
  }
  if (!state.tokenLimiter.take()) {
    return authErrorReply(400, 'invalid_request', 'token issuance rate limit exceeded', 'KOE237');
  }
  const result =
    grantType === 'authorization_code' ? exchangeCode(state, params) : refresh(state, params);
  if ('status' in result) return result;
  const mutate = state.tokenResponseMutators.shift();
  if (mutate) {
    const body = mutate({ ...result } as Record<string, unknown>);
    return {
      status: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE, 'cache-control': 'no-store' },
      body: JSON.stringify(body),
    };
  }
  return jsonReply(200, { ...result }, { 'cache-control': 'no-store' });
}

export function kauthTokenRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return { 'POST /oauth/token': (request) => token(state, request) };
}
