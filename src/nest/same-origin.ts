import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a state-changing request (POST logout / unlink) comes from the site itself:
 * `Sec-Fetch-Site: same-origin`, or, from browsers that send no Fetch Metadata, an `Origin`
 * among the allowed origins. Host and X-Forwarded-Host are never consulted: an attacker's
 * request can carry any of them.
 */
export function isSameOriginRequest(
  headers: IncomingHttpHeaders,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined) return site.toLowerCase() === 'same-origin';
  const origin = single(headers.origin);
  if (!origin || origin === 'null') return false;
  try {
    const url = new URL(origin);
    return url.origin === origin.replace(/\/$/, '') && allowedOrigins.has(url.origin);
  } catch {
    return false;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : '') : value;
}
