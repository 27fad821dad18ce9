import type { BrowserResponse, TestBrowser } from './test-browser';

/** Where a login starts and where Kakao sends the browser back, on one public URL. */
export interface LoginRoutes {
  /** Public base URL (the app, or a load balancer in front of instances). */
  url: string;
  callbackURL: string;
}

/** GET login → Kakao (auto-approve) → the callback URL with `code` and `state`, not yet requested. */
export async function toCallback(
  browser: TestBrowser,
  app: LoginRoutes,
  query = '',
): Promise<string> {
  const res = await browser.follow(`${app.url}/auth/kakao/login${query}`, (u) =>
    u.startsWith(app.callbackURL),
  );
  if (!res.location?.startsWith(app.callbackURL))
    throw new Error(
      `no callback redirect: ${res.status} ${res.location ?? res.body.slice(0, 200)}`,
    );
  return res.location;
}

/** A whole login; resolves with the callback's answer (a 302 to the app, or to the failure page). */
export async function logIn(
  browser: TestBrowser,
  app: LoginRoutes,
  query = '',
): Promise<BrowserResponse> {
  return browser.get(await toCallback(browser, app, query));
}

/** The Kakao id of the logged-in user, or undefined (401). Throws on anything else. */
export async function whoAmI(browser: TestBrowser, url: string): Promise<string | undefined> {
  const res = await browser.get(`${url}/me`);
  if (res.status === 401) return undefined;
  if (res.status !== 200) throw new Error(`GET /me answered ${res.status}: ${res.body}`);
  return (JSON.parse(res.body) as { id: string }).id;
}

/** Same-origin POST (what the app's own page sends), as JSON. */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', accept: 'application/json' };

/** The `?error=` reason of a failure redirect, or undefined when `location` is not one. */
export function failureReason(
  location: string | undefined,
  failurePath: string,
): string | undefined {
  if (!location) return undefined;
  const url = new URL(location);
  return url.pathname === failurePath ? (url.searchParams.get('error') ?? undefined) : undefined;
}
