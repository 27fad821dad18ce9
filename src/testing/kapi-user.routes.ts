import {
  apiErrorReply,
  jsonReply,
  parseJsonArray,
  type EmulatorRequest,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import type { EmulatorState } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import { authenticate, isReply, type KapiAuthMode, type KapiCaller } from './kapi-auth';
import { idNumber, RawNumber } from './raw-json.writer';
import { shippingAddressesView } from './shipping-address.view';
import { oidcUserInfoView, userMeView } from './user-me.view';

type Handler = (caller: KapiCaller, request: EmulatorRequest) => Reply;

/** Wraps a handler with the credential check of its endpoint. */
export function withCaller(
  state: EmulatorState,
  mode: KapiAuthMode,
  handler: Handler,
): RouteHandler {
  return (request) => {
    const caller = authenticate(state, request, mode);
    return isReply(caller) ? caller : handler(caller, request);
  };
}

const idReply = (user: EmulatorUser) => jsonReply(200, { id: idNumber(user.id) });

function userMe(state: EmulatorState, caller: KapiCaller, request: EmulatorRequest): Reply {
  const raw = request.params.property_keys;
  const propertyKeys = parseJsonArray(raw);
  if (raw !== undefined && !propertyKeys) {
    return apiErrorReply(400, -2, 'property_keys must be a JSON array of strings');
  }
  return jsonReply(
    200,
    userMeView(state, caller.user, {
      propertyKeys,
      secureResource: request.params.secure_resource === 'true',
    }),
  );
}

function tokenInfo(state: EmulatorState, caller: KapiCaller): Reply {
  if (caller.kind !== 'user')
    return apiErrorReply(401, -401, 'this API does not accept the admin key');
  return jsonReply(200, {
    id: idNumber(caller.user.id),
    expires_in: Math.max(0, Math.floor((caller.token.expiresAt - state.now()) / 1000)),
    app_id: new RawNumber(state.options.appId),
  });
}

/** Parses and checks a `properties` JSON object against the registered keys (-2 / -201). */
export function parseProperties(
  state: EmulatorState,
  value: string | undefined,
): { properties: Record<string, string> } | { reply: Reply } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '');
  } catch {
    return { reply: apiErrorReply(400, -2, 'properties must be a JSON object') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { reply: apiErrorReply(400, -2, 'properties must be a JSON object') };
  }
  const properties: Record<string, string> = {};
  for (const [key, item] of Object.entries(parsed)) {
    if (!state.options.userPropertyKeys.includes(key)) {
      return {
        reply: apiErrorReply(400, -201, `user property not found ([${key}] properties key)`),
      };
    }
    properties[key] = typeof item === 'string' ? item : JSON.stringify(item);
  }
  return { properties };
}

function updateProfile(state: EmulatorState, caller: KapiCaller, request: EmulatorRequest): Reply {
  const parsed = parseProperties(state, request.params.properties);
  if ('reply' in parsed) return parsed.reply;
  Object.assign(caller.user.properties, parsed.properties);
  return idReply(caller.user);
}

function signup(state: EmulatorState, caller: KapiCaller, request: EmulatorRequest): Reply {
  // With auto-link on, every logged-in user is already registered (reference §1.4).
  if (state.options.autoLink || caller.user.hasSignedUp) {
    return apiErrorReply(400, -102, 'already registered');
  }
  if (request.params.properties !== undefined) {
    const parsed = parseProperties(state, request.params.properties);
    if ('reply' in parsed) return parsed.reply;
    Object.assign(caller.user.properties, parsed.properties);
  }
  caller.user.hasSignedUp = true;
  return idReply(caller.user);
}

function oidcUserInfo(caller: KapiCaller): Reply {
  if (caller.kind !== 'user')
    return apiErrorReply(401, -401, 'this API does not accept the admin key');
  if (!caller.token.openid) {
    return apiErrorReply(403, -402, 'the access token was not issued with the openid scope', {
      required_scopes: ['openid'],
      allowed_scopes: caller.token.scopes,
    });
  }
  return jsonReply(200, oidcUserInfoView(caller.user));
}

/** kapi user APIs (reference §1.3, §1.4, §1.6). */
export function kapiUserRoutes(state: EmulatorState): Record<string, RouteHandler> {
  const me = withCaller(state, 'user-or-admin', (caller, request) =>
    userMe(state, caller, request),
  );
  const userinfo = withCaller(state, 'user', (caller) => oidcUserInfo(caller));
  return {
    'GET /v2/user/me': me,
    'POST /v2/user/me': me,
    'GET /v1/user/access_token_info': withCaller(state, 'user', (caller) =>
      tokenInfo(state, caller),
    ),
    'POST /v1/user/logout': withCaller(state, 'user-or-admin', (caller) => {
      state.tokens.revokeUser(caller.user.id);
      state.accountEvents?.(caller.user.id, 'tokens-revoked');
      return idReply(caller.user);
    }),
    'POST /v1/user/unlink': withCaller(state, 'user-or-admin', (caller) => {
      state.unlink(caller.user);
      return idReply(caller.user);
    }),
    'POST /v1/user/update_profile': withCaller(state, 'user', (caller, request) =>
      updateProfile(state, caller, request),
    ),
    'POST /v1/user/signup': withCaller(state, 'user', (caller, request) =>
      signup(state, caller, request),
    ),
    'GET /v1/user/shipping_address': withCaller(state, 'user-or-admin', (caller, request) =>
      shippingAddressesView(caller.user, request.params),
    ),
    'GET /v1/oidc/userinfo': userinfo,
    'POST /v1/oidc/userinfo': userinfo,
  };
}
