import type { IncomingMessage } from 'node:http';
import { KakaoTokenLoginError } from './kakao-token-login.error';

/** The tokens a client sent for a token login. */
export interface KakaoTokenLoginInput {
  accessToken?: string;
  idToken?: string;
  /** The server-issued nonce the id_token was requested with. */
  nonce?: string;
}

const MAX_FIELD_LENGTH = 16_384;

/**
 * Reads `access_token`, `id_token` and `nonce` from the parsed body (JSON or form) and an access
 * token from `Authorization: Bearer`. The query string is never read: tokens in URLs end up in
 * access logs, browser history and Referer headers.
 *
 * @internal
 */
export function readTokenLoginInput(
  req: IncomingMessage & { body?: unknown },
): KakaoTokenLoginInput {
  const body =
    req.body && typeof req.body === 'object' && !Array.isArray(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  const input: KakaoTokenLoginInput = {
    accessToken: field(body.access_token, 'access_token'),
    idToken: field(body.id_token, 'id_token'),
    nonce: field(body.nonce, 'nonce'),
  };
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== undefined) {
    if (input.accessToken !== undefined && input.accessToken !== bearer)
      throw new KakaoTokenLoginError(
        'invalid_request',
        'the body access_token and the Bearer token differ',
      );
    input.accessToken = bearer;
  }
  if (input.accessToken === undefined && input.idToken === undefined)
    throw new KakaoTokenLoginError('missing_token');
  return input;
}

function field(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH)
    throw new KakaoTokenLoginError('invalid_request', `${name} must be a single string`);
  return value;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : undefined;
}
