import { randomBytes } from 'node:crypto';
import {
  badRequestPage,
  unconfiguredScopePage,
  unknownClientPage,
  unregisteredRedirectPage,
} from './emulator-error-page.html';
import type { EmulatorRequest, Reply } from './emulator-http';
import type { AuthorizeTransaction, EmulatorState } from './emulator-state';
import { restApiKey } from './app-keys';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * `scope` as Kakao documents it (commas) and as OAuth clients send it (spaces, RFC 6749 §3.3);
 * Kakao accepts both (supabase/supabase#36878: a space-joined scope got KOE205 naming only the
 * one unconfigured item). Duplicates count once.
 */
function scopeList(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean))];
}

/** Validates the authorize request; an error page for what Kakao will not redirect. */
export function parseAuthorize(
  state: EmulatorState,
  request: EmulatorRequest,
): AuthorizeTransaction | Reply {
  const query = request.query;
  if (!state.isKnownClient(query.client_id)) {
    return unknownClientPage(query.client_id);
  }
  const registered = restApiKey(state.options, query.client_id)?.redirectURIs;
  if (!state.isRegisteredURI(query.redirect_uri, registered)) {
    return unregisteredRedirectPage('redirect_uri', query.redirect_uri, registered);
  }
  if (query.response_type !== 'code') {
    return badRequestPage(['response_type은 "code"여야 합니다.', 'response_type must be "code".']);
  }
  const scopes = scopeList(query.scope);
  const wantsOpenid = scopes.includes('openid');
  const additional = scopes.filter((scope) => scope !== 'openid');
  const unknown = additional.filter((scope) => !state.options.consentItems.includes(scope));
  if (wantsOpenid && !state.options.oidc) unknown.unshift('openid');
  if (unknown.length > 0) return unconfiguredScopePage(unknown);
  const challenge = query.code_challenge;
  const method = query.code_challenge_method;
  if (challenge !== undefined || method !== undefined) {
    if (method !== 'S256' || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge ?? '')) {
      return badRequestPage([
        'PKCE: code_challenge는 base64url SHA-256 값, code_challenge_method는 "S256"이어야 합니다.',
        'PKCE: code_challenge must be a base64url SHA-256 value and code_challenge_method "S256".',
      ]);
    }
  } else if (state.options.requirePkce) {
    return badRequestPage([
      'PKCE가 필요합니다: code_challenge(S256)를 보내세요.',
      'PKCE is required: send code_challenge (S256).',
    ]);
  }
  const knownTags = state.options.serviceTerms.map((term) => term.tag);
  return {
    id: randomBytes(18).toString('base64url'),
    clientId: query.client_id,
    redirectUri: query.redirect_uri,
    state: query.state,
    nonce: query.nonce,
    requestedScopes: additional,
    additionalConsent: additional.length > 0,
    // With OIDC on every code exchange returns an id_token; an additional-consent request
    // must name openid again or the id_token is not re-issued (reference §1.1, §1.6).
    openid: state.options.oidc && (scopes.length === 0 || wantsOpenid),
    prompt: list(query.prompt),
    loginHint: query.login_hint,
    serviceTerms: list(query.service_terms).filter((tag) => knownTags.includes(tag)),
    codeChallenge: challenge,
    createdAt: state.now(),
  };
}
