import { consentItemInfo } from './consent-items.catalog';
import {
  apiErrorReply,
  jsonReply,
  parseJsonArray,
  type EmulatorRequest,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import type { EmulatorState } from './emulator-state';
import { rfc3339, type EmulatorUser } from './emulator-users';
import type { KapiCaller } from './kapi-auth';
import { withCaller } from './kapi-user.routes';
import { idNumber } from './raw-json.writer';

/** Every consent item of the app plus any the user agreed to before (reference §1.4 "Scopes"). */
function scopesBody(state: EmulatorState, user: EmulatorUser, only?: string[]) {
  const ids = [...new Set([...state.options.consentItems, ...user.agreedScopes])];
  const scopes = ids
    .filter((id) => !only || only.includes(id))
    .map((id) => {
      const info = consentItemInfo(id);
      const agreed = user.agreedScopes.includes(id);
      return {
        id,
        display_name: info.displayName,
        type: info.type,
        using: state.options.consentItems.includes(id),
        agreed,
        revocable: agreed ? !state.options.requiredConsentItems.includes(id) : undefined,
      };
    });
  return { id: idNumber(user.id), scopes };
}

function getScopes(state: EmulatorState, caller: KapiCaller, request: EmulatorRequest): Reply {
  const raw = request.params.scopes;
  const only = parseJsonArray(raw);
  if (raw !== undefined && !only) return apiErrorReply(400, -2, 'scopes must be a JSON array');
  return jsonReply(200, scopesBody(state, caller.user, only));
}

function revokeScopes(state: EmulatorState, caller: KapiCaller, request: EmulatorRequest): Reply {
  const scopes = parseJsonArray(request.params.scopes);
  if (!scopes || scopes.length === 0) return apiErrorReply(400, -2, 'scopes must be a JSON array');
  const user = caller.user;
  const known = new Set([...state.options.consentItems, ...user.agreedScopes]);
  const unknown = scopes.filter((scope) => !known.has(scope));
  if (unknown.length > 0) return apiErrorReply(400, -2, `invalid scope id [${unknown.join(',')}]`);
  const fixed = scopes.filter((scope) => state.options.requiredConsentItems.includes(scope));
  if (fixed.length > 0) {
    return apiErrorReply(
      403,
      -3,
      `[${fixed.join(',')}] is not revocable. check out if it's set as required on the app's consent items.`,
    );
  }
  user.agreedScopes = user.agreedScopes.filter((scope) => !scopes.includes(scope));
  state.accountEvents?.(user.id, 'user-scope-withdraw', { scope: scopes.join(' ') });
  return jsonReply(200, scopesBody(state, user));
}

function termJson(state: EmulatorState, user: EmulatorUser, tag: string) {
  const required = state.options.serviceTerms.find((term) => term.tag === tag)?.required ?? false;
  const agreed = user.agreedServiceTerms.find((term) => term.tag === tag);
  return {
    tag,
    required,
    agreed: agreed !== undefined,
    revocable: !required,
    agreed_at: agreed?.agreedAt,
    agreed_by: agreed?.agreedBy,
  };
}

/** Comma-separated tags; a -2 reply naming the tags the app does not have. */
function parseTags(state: EmulatorState, value: string | undefined): string[] | Reply {
  const tags = (value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const unknown = tags.filter(
    (tag) => !state.options.serviceTerms.some((term) => term.tag === tag),
  );
  if (unknown.length > 0) return apiErrorReply(400, -2, `There is no tags: ${unknown.join(',')}`);
  return tags;
}

function getServiceTerms(
  state: EmulatorState,
  caller: KapiCaller,
  request: EmulatorRequest,
): Reply {
  const result = request.params.result ?? 'agreed_service_terms';
  if (result !== 'agreed_service_terms' && result !== 'app_service_terms') {
    return apiErrorReply(400, -2, 'result must be agreed_service_terms or app_service_terms');
  }
  const tags = parseTags(state, request.params.tags);
  if (!Array.isArray(tags)) return tags;
  const user = caller.user;
  const terms = state.options.serviceTerms
    .map((term) => termJson(state, user, term.tag))
    .filter((term) => result === 'app_service_terms' || term.agreed)
    .filter((term) => tags.length === 0 || tags.includes(term.tag));
  return jsonReply(200, { id: idNumber(user.id), service_terms: terms });
}

function revokeServiceTerms(
  state: EmulatorState,
  caller: KapiCaller,
  request: EmulatorRequest,
): Reply {
  const tags = parseTags(state, request.params.tags);
  if (!Array.isArray(tags)) return tags;
  if (tags.length === 0) return apiErrorReply(400, -2, 'tags is required');
  const fixed = tags.filter((tag) =>
    state.options.serviceTerms.some((t) => t.tag === tag && t.required),
  );
  if (fixed.length > 0) return apiErrorReply(403, -3, `[${fixed.join(',')}] is not revocable`);
  const user = caller.user;
  user.agreedServiceTerms = user.agreedServiceTerms.filter((term) => !tags.includes(term.tag));
  return jsonReply(200, {
    id: idNumber(user.id),
    revoked_service_terms: tags.map((tag) => ({ tag, agreed: false })),
  });
}

function upgradeServiceTerms(
  state: EmulatorState,
  caller: KapiCaller,
  request: EmulatorRequest,
): Reply {
  const tags = parseTags(state, request.params.tags);
  if (!Array.isArray(tags)) return tags;
  if (tags.length === 0) return apiErrorReply(400, -2, 'tags is required');
  const user = caller.user;
  for (const tag of tags) {
    if (!user.agreedServiceTerms.some((term) => term.tag === tag)) {
      user.agreedServiceTerms.push({ tag, agreedAt: rfc3339(state.now()), agreedBy: 'KAPI' });
    }
  }
  return jsonReply(200, {
    id: idNumber(user.id),
    agreed_service_terms: tags.map((tag) => termJson(state, user, tag)),
  });
}

/** Consent (scopes) and service-terms APIs (reference §1.4). */
export function kapiConsentRoutes(state: EmulatorState): Record<string, RouteHandler> {
  const route = (handler: (s: EmulatorState, c: KapiCaller, r: EmulatorRequest) => Reply) =>
    withCaller(state, 'user-or-admin', (caller, request) => handler(state, caller, request));
  return {
    'GET /v2/user/scopes': route(getScopes),
    'POST /v2/user/revoke/scopes': route(revokeScopes),
    'GET /v2/user/service_terms': route(getServiceTerms),
    'POST /v2/user/revoke/service_terms': route(revokeServiceTerms),
    'POST /v2/user/upgrade/service_terms': route(upgradeServiceTerms),
  };
}
