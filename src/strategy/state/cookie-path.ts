import { KakaoConfigError } from '../../errors/kakao-config.error';

/** RFC 6265 5.1.4: whether a cookie with Path=`cookiePath` is sent with a request for `requestPath`. */
export function pathCovers(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

/**
 * Refuses a `stateCookiePath` that does not cover every route that reads or writes the login
 * cookies: a login route outside it never sees the pending logins (no cap: cookies pile up until
 * the browser gets 431), a callback outside it never finds its state, and the SPA handoff's
 * binding cookie never reaches `POST exchange`.
 */
export function checkStateCookiePath(
  owner: string,
  cookiePath: string,
  routes: ReadonlyArray<readonly [label: string, path: string]>,
): void {
  const missed = routes.filter(([, path]) => !pathCovers(cookiePath, path));
  if (missed.length === 0) return;
  const list = routes.map(([label, path]) => `${label} ${path}`).join(', ');
  throw new KakaoConfigError(
    `${owner}: stateCookiePath "${cookiePath}" does not cover ${missed.map(([label, path]) => `the ${label} route ${path}`).join(' and ')}; the state cookies must reach every one of: ${list}. Use a common parent path (e.g. "${commonParent(routes.map(([, p]) => p))}") or leave stateCookiePath out (default "/")`,
  );
}

function commonParent(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').slice(0, -1));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}
