import { createHash, timingSafeEqual } from 'node:crypto';
import { CONTROL_WEBHOOKS } from './emulator-control.webhooks';
import type { EmulatorFaults } from './emulator-faults';
import { htmlReply, type EmulatorRequest, type Reply } from './emulator-http';
import { prefixOf, renderInspectorPage } from './emulator-inspector.page';
import {
  EmulatorInputError,
  InputErrors,
  checkKeys,
  isRecord,
  readFault,
  readString,
  readUserId,
  readUserInit,
} from './emulator-input.validator';
import type { EmulatorState } from './emulator-state';
import type { EmulatorUser, EmulatorUserInit } from './emulator-users';
import type { KakaoEmulator } from './kakao-emulator';

/** Everything under this path needs `Authorization: Bearer <control token>`. */
export const CONTROL_API_PATH = '/_emulator/api';
/** The log page (read-only; it shows prefixes of tokens, never whole ones). */
export const INSPECTOR_PATH = '/_emulator/';

/** What the control API drives: the emulator itself plus its shared state. */
export interface EmulatorControlTarget {
  readonly emulator: KakaoEmulator;
  readonly state: EmulatorState;
  readonly faults: EmulatorFaults;
  readonly controlToken: string;
}

const json = (status: number, value: unknown): Reply => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' },
  body: JSON.stringify(value, null, 2),
});

const problem = (status: number, error: string, message: string, problems?: string[]) =>
  json(status, { error, message, ...(problems ? { problems } : {}) });

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function authorized(request: EmulatorRequest, token: string): boolean {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match !== null && sameSecret(match[1], token);
}

function readBody(request: EmulatorRequest): Record<string, unknown> {
  if (request.body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch {
    throw new EmulatorInputError('The request body', ['body: expected JSON (an object)']);
  }
  if (!isRecord(value))
    throw new EmulatorInputError('The request body', ['body: expected a JSON object']);
  return value;
}

function throwIfBad(errors: InputErrors): void {
  if (!errors.ok) throw new EmulatorInputError('The request body', errors.messages);
}

function tokensView(state: EmulatorState) {
  const now = state.now();
  const view =
    (kind: string) =>
    (token: { token: string; userId: string; clientId: string; expiresAt: number }) => ({
      kind,
      prefix: prefixOf(token.token),
      userId: token.userId,
      clientId: token.clientId,
      expiresInSec: Math.round((token.expiresAt - now) / 1000),
    });
  const { access, refresh } = state.tokens.list();
  return [
    ...access.filter((t) => t.expiresAt > now).map(view('access')),
    ...refresh.filter((t) => t.expiresAt > now).map(view('refresh')),
  ];
}

function targetUser(state: EmulatorState, body: Record<string, unknown>): EmulatorUser {
  const errors = new InputErrors();
  checkKeys(errors, 'body', body, ['userId']);
  const id = readUserId(errors, 'body.userId', body.userId);
  if (id === undefined && errors.ok) errors.add('body.userId', 'a user id', undefined);
  throwIfBad(errors);
  const user = state.user(id!);
  if (!user) throw new NotFound(`No user ${id}. Add it first (POST ${CONTROL_API_PATH}/users).`);
  return user;
}

class NotFound extends Error {}

type ApiHandler = (
  target: EmulatorControlTarget,
  body: Record<string, unknown>,
  param: string | undefined,
  request: EmulatorRequest,
) => Reply | Promise<Reply>;

/** 'METHOD /sub/path' under CONTROL_API_PATH; ':id' matches one path segment. */
const API: Record<string, ApiHandler> = {
  'GET /state': ({ state, faults }) =>
    json(200, {
      appId: state.options.appId,
      clientId: state.options.clientID,
      users: state.users,
      tokens: tokensView(state),
      faults: faults.list(),
      webhookDeliveries: state.webhookDeliveries,
      recentRequests: state.recentRequests,
    }),
  'GET /users': ({ state }) => json(200, state.users),
  'POST /users': ({ emulator }, body) => {
    const errors = new InputErrors();
    const init = readUserInit(errors, 'body', body);
    throwIfBad(errors);
    return json(201, emulator.addUser(init as EmulatorUserInit));
  },
  'PATCH /users/:id': ({ emulator }, body, id) => {
    const errors = new InputErrors();
    const patch = readUserInit(errors, 'body', body, { partial: true });
    throwIfBad(errors);
    return json(200, emulator.updateUser(id!, patch as EmulatorUserInit));
  },
  'GET /faults': ({ faults }) => json(200, { faults: faults.list() }),
  'PUT /faults': ({ faults }, body) => {
    const errors = new InputErrors();
    checkKeys(errors, 'body', body, ['endpoint', 'fault']);
    const endpoint = readString(errors, 'body.endpoint', body.endpoint, {
      test: /^(?:[A-Za-z]+\s+)?\/\S*$/,
      expected: '"METHOD /path" or "/path", e.g. "POST /oauth/token"',
    });
    if (body.endpoint === undefined)
      errors.add('body.endpoint', 'the endpoint to break', undefined);
    const fault = readFault(errors, 'body.fault', body.fault);
    throwIfBad(errors);
    faults.set(endpoint!, fault!);
    return json(200, { faults: faults.list() });
  },
  'DELETE /faults': ({ faults }, body, _param, request) => {
    const endpoint =
      request.query.endpoint ?? (typeof body.endpoint === 'string' ? body.endpoint : undefined);
    faults.clear(endpoint);
    return json(200, { faults: faults.list() });
  },
  'POST /webhooks/:kind': async (target, body, kind) => {
    const send = CONTROL_WEBHOOKS[kind!];
    if (!send) {
      throw new NotFound(
        `No webhook kind "${kind}". Known: ${Object.keys(CONTROL_WEBHOOKS).join(', ')}.`,
      );
    }
    const errors = new InputErrors();
    const result = await send(target.emulator, body, errors);
    throwIfBad(errors);
    return json(200, result);
  },
  'POST /tokens/revoke': ({ emulator, state }, body) =>
    json(200, { revoked: emulator.revokeTokens(targetUser(state, body).id) }),
  'POST /tokens/expire-refresh': ({ emulator, state }, body) =>
    json(200, { expired: emulator.expireRefreshTokens(targetUser(state, body).id) }),
  'POST /reset': ({ emulator }) => {
    emulator.reset();
    return json(200, { reset: true });
  },
};

function findHandler(
  method: string,
  subPath: string,
): { handler?: ApiHandler; param?: string; otherMethod: boolean } {
  let otherMethod = false;
  for (const [key, handler] of Object.entries(API)) {
    const [keyMethod, pattern] = key.split(' ');
    const regex = new RegExp(`^${pattern.replace(/:\w+/, '([^/]+)')}$`);
    const match = regex.exec(subPath);
    if (!match) continue;
    if (keyMethod !== method) {
      otherMethod = true;
      continue;
    }
    return {
      handler,
      param: match[1] === undefined ? undefined : decodeURIComponent(match[1]),
      otherMethod,
    };
  }
  return { otherMethod };
}

/** Handles every /_emulator path: the log page and the token-protected control API. */
export function controlRoutes(target: () => EmulatorControlTarget) {
  return async (request: EmulatorRequest): Promise<Reply> => {
    const t = target();
    if (request.path === '/_emulator' || request.path === INSPECTOR_PATH) {
      if (request.method !== 'GET')
        return problem(405, 'method_not_allowed', 'The log page is GET only.');
      return htmlReply(200, renderInspectorPage(t.state), {
        'cache-control': 'no-store',
        'x-frame-options': 'DENY',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
    }
    if (!request.path.startsWith(`${CONTROL_API_PATH}/`)) {
      return problem(
        404,
        'not_found',
        `Nothing at ${request.path}. The control API is under ${CONTROL_API_PATH}/, the log page at ${INSPECTOR_PATH}.`,
      );
    }
    if (!authorized(request, t.controlToken)) {
      return problem(
        401,
        'unauthorized',
        'Send Authorization: Bearer <control token>. The token is printed when the emulator starts (set it with --control-token or KAKAO_EMULATOR_CONTROL_TOKEN).',
      );
    }
    const subPath = request.path.slice(CONTROL_API_PATH.length);
    const { handler, param, otherMethod } = findHandler(request.method, subPath);
    if (!handler) {
      return otherMethod
        ? problem(405, 'method_not_allowed', `${request.method} is not allowed on ${request.path}.`)
        : problem(
            404,
            'not_found',
            `No control API route ${request.method} ${request.path}. Routes: ${Object.keys(API).join(', ')}.`,
          );
    }
    try {
      return await handler(t, readBody(request), param, request);
    } catch (error) {
      if (error instanceof EmulatorInputError)
        return problem(400, 'invalid_request', error.message.split('\n')[0], error.problems);
      if (
        error instanceof NotFound ||
        (error instanceof Error && error.message.includes('no user with id'))
      )
        return problem(404, 'not_found', (error as Error).message);
      if (error instanceof Error && /^(User|Fault key|KakaoEmulator)/.test(error.message))
        return problem(400, 'invalid_request', error.message);
      throw error;
    }
  };
}
