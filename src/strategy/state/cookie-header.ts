import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cookies of the request whose name starts with `prefix` (no cookie-parser needed), the first
 * `limit` of them: a request stuffed with junk cookies costs no more than `limit` entries.
 */
export function readCookies(
  req: IncomingMessage,
  prefix: string,
  limit = Infinity,
): Map<string, string> {
  const found = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header) return found;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name.startsWith(prefix)) continue;
    found.set(name, part.slice(eq + 1).trim());
    if (found.size >= limit) break;
  }
  return found;
}

/** The value of the first cookie named exactly `name`. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieAttributes {
  path: string;
  secure: boolean;
  /** Omitted: a browser-session cookie. */
  maxAgeSec?: number;
}

/** Appends a `Set-Cookie` header without dropping the ones already set (e.g. the session's). */
export function appendSetCookie(
  res: ServerResponse,
  name: string,
  value: string,
  attrs: CookieAttributes,
): void {
  const cookie = [
    `${name}=${value}`,
    `Path=${attrs.path}`,
    ...(attrs.maxAgeSec === undefined ? [] : [`Max-Age=${attrs.maxAgeSec}`]),
    'HttpOnly',
    'SameSite=Lax',
    ...(attrs.secure ? ['Secure'] : []),
  ].join('; ');
  const prev = res.getHeader('set-cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev : [String(prev)];
  res.setHeader('set-cookie', [...list, cookie]);
}
