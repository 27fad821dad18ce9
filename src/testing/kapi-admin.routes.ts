import {
  apiErrorReply,
  jsonReply,
  parseJsonArray,
  type EmulatorRequest,
  type Reply,
  type RouteHandler,
} from './emulator-http';
import type { EmulatorState } from './emulator-state';
import { checkAdminKey } from './kapi-auth';
import { idNumber } from './raw-json.writer';
import { userMeView } from './user-me.view';

const compareIds = (a: string, b: string) =>
  BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;

/** GET /v1/user/ids (admin key): limit 1–100, from_id, order; 100 calls a minute (reference §1.3). */
function userIds(state: EmulatorState, request: EmulatorRequest): Reply {
  const denied = checkAdminKey(state, request);
  if (denied) return denied;
  if (!state.userIdsLimiter.take()) return apiErrorReply(429, -10, 'API limit has been exceeded.');
  const { limit: rawLimit, order: rawOrder, from_id: fromId } = request.params;
  const limit = rawLimit === undefined ? 100 : Number(rawLimit);
  const order = rawOrder ?? 'asc';
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > 100 ||
    (order !== 'asc' && order !== 'desc')
  ) {
    return apiErrorReply(400, -2, 'limit must be 1-100 and order asc or desc');
  }
  if (fromId !== undefined && !/^\d+$/.test(fromId))
    return apiErrorReply(400, -2, 'from_id must be a user id');
  const sign = order === 'asc' ? 1 : -1;
  const ids = state.users
    .filter((user) => user.linked)
    .map((user) => user.id)
    .sort((a, b) => sign * compareIds(a, b));
  const start = fromId === undefined ? 0 : ids.findIndex((id) => sign * compareIds(id, fromId) > 0);
  const page = start < 0 ? [] : ids.slice(start, start + limit);
  const url = (from: string, direction: string) =>
    `${state.apiBaseURL}/v1/user/ids?limit=${limit}&order=${direction}&from_id=${from}`;
  const hasAfter = start >= 0 && start + limit < ids.length;
  const hasBefore = start > 0;
  return jsonReply(200, {
    elements: page.map(idNumber),
    before_url:
      hasBefore && page.length > 0 ? url(page[0], order === 'asc' ? 'desc' : 'asc') : null,
    after_url: hasAfter ? url(page[page.length - 1], order) : null,
  });
}

/** GET/POST /v2/app/users (admin key): target_ids max 100, max 20 with property_keys. */
function appUsers(state: EmulatorState, request: EmulatorRequest): Reply {
  const denied = checkAdminKey(state, request);
  if (denied) return denied;
  const { target_id_type: type, target_ids: rawIds, property_keys: rawKeys } = request.params;
  const ids = parseJsonArray(rawIds);
  const propertyKeys = parseJsonArray(rawKeys);
  if (type !== 'user_id' || !ids || ids.length === 0 || (rawKeys !== undefined && !propertyKeys)) {
    return apiErrorReply(400, -2, 'target_id_type=user_id and target_ids=[…] are required');
  }
  const max = propertyKeys ? 20 : 100;
  if (ids.length > max) return apiErrorReply(400, -2, `at most ${max} target_ids per call`);
  const elements = ids
    .map((id) => state.user(id))
    .filter((user) => user?.linked)
    .map((user) =>
      userMeView(state, user!, {
        propertyKeys,
        secureResource: request.params.secure_resource === 'true',
      }),
    );
  return jsonReply(200, { elements });
}

export function kapiAdminRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'GET /v1/user/ids': (request) => userIds(state, request),
    'GET /v2/app/users': (request) => appUsers(state, request),
    'POST /v2/app/users': (request) => appUsers(state, request),
  };
}
