import { randomBytes } from 'node:crypto';
import { DECISION_PATH, PAGE_HEADERS, renderConsentPage } from './consent-page.html';
import {
  badRequestPage,
  emulatorFaultPage,
  unconfiguredScopePage,
  unknownClientPage,
  unregisteredRedirectPage,
} from './emulator-error-page.html';
import {
  htmlReply,
  redirectReply,
  withQuery,
  type EmulatorRequest,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import {
  SESSION_COOKIE,
  type AuthorizeTransaction,
  type EmulatorState,
  type KakaoAccountSession,
} from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import { CODE_LIFETIME_MS } from './token.store';
import { restApiKey } from './app-keys';

/** A transaction of the consent page lives as long as the code it would produce. */
const TRANSACTION_LIFETIME_MS = CODE_LIFETIME_MS;

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

/** The Kakao Account a consent page is pinned to when the browser was already logged in. */
const pinnedAccounts = new WeakMap<AuthorizeTransaction, KakaoAccountSession>();

function sessionCookie(session: KakaoAccountSession): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`;
}

/**
 * Consent items a login asks for: the `scope` items not yet agreed (additional consent), else
 * every configured item for a first login, else the required items not yet agreed (reference §1.1).
 */
function scopesToAsk(state: EmulatorState, user: EmulatorUser, additional: string[]): string[] {
  const notAgreed = (scope: string) => !user.agreedScopes.includes(scope);
  if (additional.length > 0) return additional.filter(notAgreed);
  if (!user.linked) return [...state.options.consentItems];
  return state.options.requiredConsentItems.filter(
    (scope) => state.options.consentItems.includes(scope) && notAgreed(scope),
  );
}

function termsToAsk(state: EmulatorState, user: EmulatorUser, requested: string[]): string[] {
  const tags =
    requested.length > 0
      ? requested
      : user.linked
        ? []
        : state.options.serviceTerms.map((t) => t.tag);
  return tags.filter((tag) => !user.agreedServiceTerms.some((term) => term.tag === tag));
}

/** Issues the code and sends the browser back to the app with `code` and the untouched `state`. */
function approve(
  state: EmulatorState,
  txn: AuthorizeTransaction,
  user: EmulatorUser,
  session: KakaoAccountSession,
): Reply {
  const code = state.tokens.addCode({
    userId: user.id,
    clientId: txn.clientId,
    redirectUri: txn.redirectUri,
    scopes: [...user.agreedScopes],
    openid: txn.openid,
    nonce: txn.nonce,
    codeChallenge: txn.codeChallenge,
    createdAt: state.now(),
    authTime: session.authTime,
  });
  return redirectReply(withQuery(txn.redirectUri, { code: code.code, state: txn.state }), {
    'set-cookie': sessionCookie(session),
    'cache-control': 'no-store',
  });
}

function redirectError(txn: AuthorizeTransaction, error: string, description: string): Reply {
  return redirectReply(
    withQuery(txn.redirectUri, { error, error_description: description, state: txn.state }),
    { 'cache-control': 'no-store' },
  );
}

/** Validates the authorize request; an error page for what Kakao will not redirect. */
function parseAuthorize(
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

function currentSession(
  state: EmulatorState,
  request: EmulatorRequest,
): KakaoAccountSession | undefined {
  const session = state.sessions.get(request.cookies[SESSION_COOKIE] ?? '');
  return session && state.user(session.userId) ? session : undefined;
}

function autoApproveUser(
  state: EmulatorState,
  txn: AuthorizeTransaction,
): EmulatorUser | undefined {
  if (txn.prompt.includes('create')) {
    return state.addUser({ nickname: '새 사용자', linked: false });
  }
  if (typeof state.autoApprove === 'string') return state.user(state.autoApprove);
  return state.userByLoginHint(txn.loginHint) ?? state.users[0];
}

function needsConsent(
  state: EmulatorState,
  user: EmulatorUser,
  txn: AuthorizeTransaction,
): boolean {
  return (
    !user.linked ||
    scopesToAsk(state, user, txn.requestedScopes).length > 0 ||
    termsToAsk(state, user, txn.serviceTerms).length > 0
  );
}

function authorize(state: EmulatorState, request: EmulatorRequest): Reply {
  const parsed = parseAuthorize(state, request);
  if ('status' in parsed) return parsed;
  const txn = parsed;
  const session = currentSession(state, request);
  const auto = state.autoApprove !== false;

  if (txn.prompt.includes('none')) {
    const user = session
      ? state.user(session.userId)
      : auto
        ? autoApproveUser(state, { ...txn, prompt: [] })
        : undefined;
    if (!user) return redirectError(txn, 'login_required', 'user authentication required.');
    if (needsConsent(state, user, txn)) {
      return redirectError(txn, 'consent_required', 'user consent required.');
    }
    return approve(state, txn, user, session ?? state.newSession(user.id));
  }

  if (auto) {
    const user = autoApproveUser(state, txn);
    if (!user) {
      return emulatorFaultPage([
        `autoApprove 사용자 ${String(state.autoApprove)}가 없습니다.`,
        `autoApprove user ${String(state.autoApprove)} does not exist.`,
      ]);
    }
    state.link(
      user,
      scopesToAsk(state, user, txn.requestedScopes),
      termsToAsk(state, user, txn.serviceTerms),
    );
    const reuse = session?.userId === user.id && !txn.prompt.includes('login');
    return approve(state, txn, user, reuse && session ? session : state.newSession(user.id));
  }

  // A logged-in browser with nothing new to agree to goes straight back, as on Kakao.
  const interactive = ['login', 'select_account', 'create'].some((p) => txn.prompt.includes(p));
  const sessionUser = session ? state.user(session.userId) : undefined;
  if (session && sessionUser && !interactive && !needsConsent(state, sessionUser, txn)) {
    return approve(state, txn, sessionUser, session);
  }

  state.transactions.set(txn.id, txn);
  // Logged in at Kakao and not asked to log in again: Kakao asks only for what is new.
  const account = session && sessionUser && !interactive ? sessionUser : undefined;
  if (account && session) pinnedAccounts.set(txn, session);
  const selected = state.userByLoginHint(txn.loginHint) ?? sessionUser ?? state.users[0];
  const shownScopes = account
    ? scopesToAsk(state, account, txn.requestedScopes)
    : txn.additionalConsent
      ? txn.requestedScopes
      : state.options.consentItems;
  const shownTerms = account
    ? termsToAsk(state, account, txn.serviceTerms)
    : txn.serviceTerms.length > 0
      ? txn.serviceTerms
      : state.options.serviceTerms.map((t) => t.tag);
  const html = renderConsentPage({
    transaction: { ...txn, requestedScopes: shownScopes, serviceTerms: shownTerms },
    users: state.users,
    account,
    selectedUserId: selected?.id,
    requiredScopes: state.options.requiredConsentItems,
    requiredTerms: state.options.serviceTerms.filter((t) => t.required).map((t) => t.tag),
    appName: `App ${state.options.appId}`,
  });
  return htmlReply(200, html, PAGE_HEADERS);
}

function decide(state: EmulatorState, request: EmulatorRequest): Reply {
  const form = new URLSearchParams(request.body);
  const txn = state.transactions.get(form.get('transaction_id') ?? '');
  if (txn) state.transactions.delete(txn.id);
  if (!txn || state.now() - txn.createdAt > TRANSACTION_LIFETIME_MS) {
    return badRequestPage([
      '이 동의 화면은 만료되었거나 이미 사용되었습니다. 앱에서 로그인을 다시 시작하세요.',
      'This consent screen has expired or was already used. Start the login again from the app.',
    ]);
  }
  if (form.get('action') !== 'accept') {
    return redirectError(txn, 'access_denied', 'User denied access');
  }
  const pinned = pinnedAccounts.get(txn);
  const userId = pinned?.userId ?? form.get('user_id');
  const user =
    userId === 'new'
      ? state.addUser({ nickname: '새 사용자', linked: false })
      : state.user(userId ?? '');
  if (!user) {
    return badRequestPage(['카카오계정을 선택하세요.', 'Choose a Kakao Account.']);
  }
  const shown = txn.additionalConsent ? txn.requestedScopes : state.options.consentItems;
  const required = user.linked ? [] : state.options.requiredConsentItems;
  const scopes = shown.filter(
    (scope) => form.getAll('scope').includes(scope) || required.includes(scope),
  );
  const requiredTerms = user.linked
    ? []
    : state.options.serviceTerms.filter((t) => t.required).map((t) => t.tag);
  const knownTags = state.options.serviceTerms.map((term) => term.tag);
  const terms = [...new Set([...form.getAll('service_terms'), ...requiredTerms])].filter((tag) =>
    knownTags.includes(tag),
  );
  state.link(user, scopes, terms);
  const session = pinned && state.sessions.get(pinned.id) === pinned ? pinned : undefined;
  return approve(state, txn, user, session ?? state.newSession(user.id));
}

function logout(state: EmulatorState, request: EmulatorRequest): Reply {
  const query = request.query;
  if (!state.isKnownClient(query.client_id)) {
    return unknownClientPage(query.client_id);
  }
  const uri = query.logout_redirect_uri;
  if (!state.isRegisteredURI(uri, state.options.logoutRedirectURIs)) {
    return unregisteredRedirectPage('logout_redirect_uri', uri, state.options.logoutRedirectURIs);
  }
  state.sessions.delete(request.cookies[SESSION_COOKIE] ?? '');
  return redirectReply(withQuery(uri, { state: query.state }), {
    'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
  });
}

export function kauthAuthorizeRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'GET /oauth/authorize': (request) => authorize(state, request),
    [`POST ${DECISION_PATH}`]: (request) => decide(state, request),
    'GET /oauth/logout': (request) => logout(state, request),
  };
}
