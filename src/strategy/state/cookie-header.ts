import type { IncomingMessage, ServerResponse } from 'node:http';

/** Cookies of the request whose name starts with `prefix` (no cookie-parser needed). */
export function readCookies(req: IncomingMessage, prefix: string): Map<string, string> {
  const found = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header) return found;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name.startsWith(prefix)) found.set(name, part.slice(eq + 1).trim());
  }
  return found;
}

export interface CookieAttributes {
  path: string;
  secure: boolean;
  maxAgeSec: number;
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
    `Max-Age=${attrs.maxAgeSec}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(attrs.secure ? ['Secure'] : []),
  ].join('; ');
  const prev = res.getHeader('set-cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev : [String(prev)];
  res.setHeader('set-cookie', [...list, cookie]);
}
