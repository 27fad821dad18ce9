import { adminCategoryOf, adminKeyCategories } from './app-keys';
import { apiErrorReply, type EmulatorRequest, type Reply } from './emulator-http';
import type { EmulatorState } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import type { AccessTokenRecord } from './token.store';

/** Who is calling a kapi endpoint. */
export type KapiCaller =
  | { kind: 'user'; user: EmulatorUser; token: AccessTokenRecord }
  | { kind: 'admin'; user: EmulatorUser };

/**
 * Which credentials an endpoint takes (reference §1.3–1.4):
 * 'user' = access token only; 'user-or-admin' = access token, or admin key + target_id;
 * 'admin' = admin key only (no target user).
 */
export type KapiAuthMode = 'user' | 'user-or-admin';

const tokenError = (msg: string) => apiErrorReply(401, -401, msg);

function authorization(
  request: EmulatorRequest,
): { scheme: string; credential: string } | undefined {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(\S+)\s+(.+)$/.exec(value ?? '');
  return match ? { scheme: match[1], credential: match[2].trim() } : undefined;
}

/** Checks `Authorization: KakaoAK <admin key>`; a reply when it is missing or wrong. */
export function checkAdminKey(state: EmulatorState, request: EmulatorRequest): Reply | undefined {
  const auth = authorization(request);
  if (!auth || auth.scheme !== 'KakaoAK')
    return tokenError('this API needs the admin key (KakaoAK)');
  const categories = adminKeyCategories(state.options, auth.credential);
  if (!categories) return tokenError('invalid admin key');
  const category = adminCategoryOf(request.path);
  // Kakao's code for a denied category is UNCONFIRMED (kakao-webhooks.md §3.1); -3 is its
  // "API not available to this app" code, which the library maps leniently with -5.
  if (!categories.includes(category))
    return apiErrorReply(
      403,
      -3,
      `this admin key is not allowed for the API category [${category}]; allow it under [App] > [Platform Keys] > [Admin Key]`,
    );
  return undefined;
}

/** Resolves the caller of a user API; a Kakao error reply when the credentials do not hold. */
export function authenticate(
  state: EmulatorState,
  request: EmulatorRequest,
  mode: KapiAuthMode,
): KapiCaller | Reply {
  const auth = authorization(request);
  if (auth?.scheme === 'KakaoAK') {
    if (mode === 'user') return tokenError('this API does not accept the admin key');
    const denied = checkAdminKey(state, request);
    if (denied) return denied;
    const { target_id_type: type, target_id: id } = request.params;
    if (type !== 'user_id' || !id || !/^\d+$/.test(id)) {
      return apiErrorReply(400, -2, 'target_id_type=user_id and a numeric target_id are required');
    }
    const user = state.user(id);
    if (!user?.linked) return apiErrorReply(400, -101, 'the user is not linked to this app');
    return { kind: 'admin', user };
  }
  let token: string | undefined;
  if (auth?.scheme.toLowerCase() === 'bearer') {
    token = auth.credential;
  } else if (request.query.access_token) {
    // Old clients (node-oauth through passport-kakao) send the token in the URL; Kakao still
    // accepts it. Counted so tests can prove our library never does this.
    state.queryTokenRequests += 1;
    token = request.query.access_token;
  }
  if (!token) return tokenError('this access token does not exist');
  const record = state.tokens.accessToken(token);
  if (!record) return tokenError('this access token does not exist');
  if (record.expiresAt <= state.now()) return tokenError('this access token is already expired');
  const user = state.user(record.userId);
  if (!user?.linked) return tokenError('this access token does not exist');
  return { kind: 'user', user, token: record };
}

export function isReply(value: KapiCaller | Reply): value is Reply {
  return 'status' in value;
}
