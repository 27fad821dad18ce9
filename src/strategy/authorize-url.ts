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

/** Placeholders of a template authorize URL: no configured value holds a control character. */
export const MARK_CHALLENGE = '\u0001challenge';
export const MARK_STATE = '\u0001state';
export const MARK_NONCE = '\u0001nonce';

type Slot = 0 | 1 | 2;

/**
 * An authorize URL built once around placeholders for the state, the PKCE challenge and the
 * nonce. Those are base64url, which the query takes as is, so filling them in gives the same URL
 * `AuthorizeURL.build` would.
 */
export class FixedAuthorizeURL {
  private constructor(
    private readonly parts: readonly string[],
    private readonly slots: readonly Slot[],
  ) {}

  /** The template of `url`, or undefined when a placeholder is missing or repeated. */
  static of(url: string): FixedAuthorizeURL | undefined {
    const found: { at: number; len: number; slot: Slot }[] = [];
    const marks = [MARK_STATE, MARK_CHALLENGE, MARK_NONCE].map(encodeURIComponent);
    for (let slot = 0; slot < marks.length; slot++) {
      const mark = marks[slot];
      const at = url.indexOf(mark);
      if (at < 0) continue;
      if (url.indexOf(mark, at + 1) >= 0) return undefined;
      found.push({ at, len: mark.length, slot: slot as Slot });
    }
    // Any other control character would be a configured value's: no template then.
    if (url.split('%01').length - 1 !== found.length) return undefined;
    found.sort((a, b) => a.at - b.at);
    const parts: string[] = [];
    let from = 0;
    for (const f of found) {
      parts.push(url.slice(from, f.at));
      from = f.at + f.len;
    }
    parts.push(url.slice(from));
    return new FixedAuthorizeURL(
      parts,
      found.map((f) => f.slot),
    );
  }

  /** The URL with the login's state, challenge and nonce (each base64url). */
  fill(state: string, challenge: string, nonce: string | undefined): string {
    let out = this.parts[0];
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      out += (slot === 0 ? state : slot === 1 ? challenge : (nonce ?? '')) + this.parts[i + 1];
    }
    return out;
  }
}
