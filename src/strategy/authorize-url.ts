/**
 * Kakao's authorize URL, built as passport-oauth2 builds it: the configured URL's own query
 * first, then the login's parameters (which replace a parameter of the same name instead of
 * repeating it), then `client_id`. The configured URL is parsed once.
 */
export class AuthorizeURL {
  private readonly base: string;
  private readonly query?: Readonly<Record<string, string>>;

  constructor(
    authorizationURL: string,
    private readonly clientID: string,
  ) {
    const url = new URL(authorizationURL);
    this.base = `${url.origin}${url.pathname}`;
    if (url.search) this.query = Object.fromEntries(url.searchParams);
  }

  build(params: Record<string, unknown>): string {
    const query: Record<string, unknown> = this.query ? { ...this.query, ...params } : params;
    query.client_id = this.clientID;
    let out = '';
    for (const key in query) {
      const value = query[key];
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        out += `${out ? '&' : ''}${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`;
      }
    }
    return `${this.base}?${out}`;
  }
}
