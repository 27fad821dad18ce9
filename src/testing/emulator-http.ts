import { writeJson, type JsonValue } from './raw-json.writer';

/** One request as the emulator saw it (kakao.requests). */
export interface EmulatorRequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[]>;
  body: string;
  /** The parsed body when it was form-encoded. */
  form?: Record<string, string>;
  /** Which TCP connection carried it (1, 2, …): equal ids mean a reused connection. */
  connectionId: number;
  /** Emulator clock (ms) when it arrived. */
  at: number;
}

/** A request after parsing, as route handlers get it. */
export interface EmulatorRequest extends EmulatorRequestLogEntry {
  /** Query merged with the form body (body wins), as Kakao reads parameters from both. */
  params: Record<string, string>;
  cookies: Record<string, string>;
  isForm: boolean;
}

/** What a route handler answers; the server writes it. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export type RouteHandler = (request: EmulatorRequest) => Reply | Promise<Reply>;

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** A JSON reply; RawNumber values (user ids) are written as bare numbers. */
export function jsonReply(
  status: number,
  value: JsonValue | object,
  headers: Record<string, string | string[]> = {},
): Reply {
  const body = writeJson(value as JsonValue);
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers }, body };
}

/** kauth error body: {"error","error_description","error_code"} (reference §1.7). */
export function authErrorReply(
  status: number,
  error: string,
  description: string,
  errorCode: string,
): Reply {
  return jsonReply(status, { error, error_description: description, error_code: errorCode });
}

/** kapi error body {"msg","code"}; -401 carries WWW-Authenticate (reference §1.7). */
export function apiErrorReply(
  status: number,
  code: number,
  msg: string,
  extra: Record<string, JsonValue> = {},
): Reply {
  const headers: Record<string, string> =
    code === -401 ? { 'www-authenticate': 'Bearer error=invalid_token' } : {};
  return jsonReply(status, { msg, code, ...extra }, headers);
}

export function htmlReply(
  status: number,
  html: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': 'text/html;charset=UTF-8', ...headers }, body: html };
}

export function redirectReply(
  location: string,
  headers: Record<string, string | string[]> = {},
): Reply {
  return { status: 302, headers: { location, 'content-length': '0', ...headers }, body: '' };
}

/**
 * Appends parameters to a redirect URI the way Kakao writes them: spaces as %20, not '+'
 * (e.g. `error_description=User%20denied%20access`).
 */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  if (pairs.length === 0) return uri;
  const hashAt = uri.indexOf('#');
  const base = hashAt === -1 ? uri : uri.slice(0, hashAt);
  const separator = base.includes('?')
    ? base.endsWith('?') || base.endsWith('&')
      ? ''
      : '&'
    : '?';
  return `${base}${separator}${pairs.join('&')}`;
}

export function formToRecord(text: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) if (!(key in record)) record[key] = value;
  return record;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * Parses a JSON-array parameter like property_keys=["kakao_account.email"] or
 * target_ids=[1376016924426111111]. Numbers are kept as their literal text (JSON.parse would
 * round 19-digit ids). Returns undefined when the value is not such an array.
 */
export function parseJsonArray(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) return undefined;
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  const token = /^\s*("(?:[^"\\]|\\.)*"|-?\d+)\s*(,|$)/;
  const items: string[] = [];
  let rest = inner;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) return undefined;
    items.push(match[1].startsWith('"') ? (JSON.parse(match[1]) as string) : match[1]);
    rest = rest.slice(match[0].length);
    if (match[2] === ',' && rest.trim() === '') return undefined;
  }
  return items;
}
