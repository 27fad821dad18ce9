import type { Agent as HttpAgent, IncomingHttpHeaders } from 'node:http';
import { KakaoConfigError } from '../errors/kakao-config.error';
import type { KakaoHttpClient } from '../http/kakao-http.client';
import { parseExactJson } from '../util/exact-json';

/** A non-2xx answer in node-oauth's error shape, which passport-oauth2 code expects. */
export interface OAuth2HttpError {
  statusCode: number;
  data: string;
}

/** node-oauth's `getOAuthAccessToken` callback. */
export type OAuth2TokenCallback = (
  err: OAuth2HttpError | Error | null,
  accessToken?: string,
  refreshToken?: string,
  params?: Record<string, unknown>,
) => void;

/** node-oauth's `get` callback. */
export type OAuth2GetCallback = (
  err: OAuth2HttpError | Error | null,
  body?: string,
  res?: { statusCode: number; headers: IncomingHttpHeaders },
) => void;

/** What the transport needs from the strategy, fixed at construction. */
export interface OAuth2TransportSettings {
  clientID: string;
  clientSecret?: string;
  authorizationURL: string;
  tokenURL: string;
  customHeaders?: Record<string, string>;
}

/**
 * Stands in for passport-oauth2's `_oauth2` (node-oauth), with the members subclasses and
 * helpers such as passport-oauth2-refresh use, all going through the strategy's `KakaoHttpClient`
 * (timeout, size cap, keep-alive, whole-body UTF-8): `setAgent` reaches that client, and the
 * node-oauth internals it does not have fail loudly instead of silently bypassing it.
 */
export class KakaoOAuth2Transport {
  readonly _clientId: string;
  readonly _clientSecret: string;
  readonly _baseSite = '';
  readonly _authorizeUrl: string;
  readonly _accessTokenUrl: string;
  readonly _customHeaders: Record<string, string>;
  readonly _accessTokenName = 'access_token';
  readonly _authMethod = 'Bearer';
  readonly _useAuthorizationHeaderForGET = true;
  /** `client_id` and `client_secret` of the token form, encoded once. */
  private readonly clientForm: string;
  private lastRaw?: string;
  private lastEncoded = '';

  constructor(
    private readonly http: KakaoHttpClient,
    settings: OAuth2TransportSettings,
  ) {
    this._clientId = settings.clientID;
    this._clientSecret = settings.clientSecret ?? '';
    this._authorizeUrl = settings.authorizationURL;
    this._accessTokenUrl = settings.tokenURL;
    this._customHeaders = { ...settings.customHeaders };
    this.clientForm = `client_id=${this.formEncode(this._clientId)}`;
    if (this._clientSecret)
      this.clientForm += `&client_secret=${this.formEncode(this._clientSecret)}`;
  }

  /** Sends every later call to Kakao through `agent` (e.g. a proxy agent); same as the `agent` option. */
  setAgent(agent: HttpAgent | undefined): void {
    this.http.setAgent(agent);
  }

  /** Kakao takes the access token in the header only; accepted for node-oauth compatibility. */
  useAuthorizationHeaderforGET(_use: boolean): void {}

  buildAuthHeader(token: string): string {
    return `Bearer ${token}`;
  }

  getAuthorizeUrl(params: Record<string, string> = {}): string {
    const url = new URL(this._authorizeUrl);
    for (const [key, value] of Object.entries({ ...params, client_id: this._clientId }))
      url.searchParams.set(key, value);
    return url.toString();
  }

  /**
   * POSTs `params` to the token endpoint with `client_id`, `client_secret` (only when set) and
   * `code` (or `refresh_token` for `grant_type: refresh_token`, as node-oauth does).
   */
  getOAuthAccessToken(
    code: string,
    params: Record<string, unknown>,
    callback: OAuth2TokenCallback,
  ): void {
    this.http
      .send({
        method: 'POST',
        url: this._accessTokenUrl,
        endpoint: 'POST /oauth/token',
        formBody: this.tokenForm(code, params),
      })
      .then(
        (res) => {
          if (res.status < 200 || res.status >= 300)
            return callback({ statusCode: res.status, data: res.text });
          let results: Record<string, unknown>;
          try {
            const parsed = parseExactJson(res.text);
            results =
              parsed && typeof parsed === 'object' && !Array.isArray(parsed)
                ? (parsed as Record<string, unknown>)
                : {};
          } catch {
            return callback({ statusCode: res.status, data: res.text });
          }
          const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
          callback(null, str(results.access_token), str(results.refresh_token), results);
        },
        (err: Error) => callback(err),
      );
  }

  /**
   * The token form, encoded as `URLSearchParams` would encode node-oauth's fields: `params`, then
   * `client_id`, `client_secret` (when set) and the code, which replace a same-named entry of
   * `params`. The client's part is encoded once, at construction.
   */
  private tokenForm(code: string, params: Record<string, unknown> | undefined): string {
    const codeField = params?.grant_type === 'refresh_token' ? 'refresh_token' : 'code';
    let out = '';
    for (const key of Object.keys(params ?? {})) {
      const value = params![key];
      if (value === undefined || value === null) continue;
      if (key === 'client_id' || key === codeField) continue;
      if (key === 'client_secret' && this._clientSecret) continue;
      out += `${this.formEncode(key)}=${this.formEncode(String(value))}&`;
    }
    return `${out}${this.clientForm}&${codeField}=${this.formEncode(code)}`;
  }

  /** One form value, `application/x-www-form-urlencoded`; the last escaped value is kept. */
  private formEncode(value: string): string {
    if (FORM_SAFE.test(value)) return value;
    if (value === this.lastRaw) return this.lastEncoded;
    const encoded = new URLSearchParams([['', value]]).toString().slice(1);
    this.lastRaw = value;
    this.lastEncoded = encoded;
    return encoded;
  }

  /** GET with `Authorization: Bearer`; a non-2xx answer is `{ statusCode, data }` like node-oauth. */
  get(url: string, accessToken: string, callback: OAuth2GetCallback): void {
    this.http
      .send({
        method: 'GET',
        url,
        endpoint: `GET ${endpointPath(url)}`,
        headers: { authorization: `Bearer ${accessToken}` },
        idempotent: true,
      })
      .then(
        (res) => {
          const meta = { statusCode: res.status, headers: res.headers };
          if (res.status < 200 || res.status >= 300)
            return callback({ statusCode: res.status, data: res.text }, res.text, meta);
          callback(null, res.text, meta);
        },
        (err: Error) => callback(err),
      );
  }

  _request(): never {
    throw bypass('_request');
  }

  _executeRequest(): never {
    throw bypass('_executeRequest');
  }

  _chooseHttpLibrary(): never {
    throw bypass('_chooseHttpLibrary');
  }
}

/** Characters `URLSearchParams` leaves as they are. */
const FORM_SAFE = /^[A-Za-z0-9*._-]*$/;

/** True for node-oauth's `{ statusCode, data }` error shape. */
export function isOAuth2HttpError(err: unknown): err is OAuth2HttpError {
  const e = err as Partial<OAuth2HttpError> | null;
  return !!e && typeof e.statusCode === 'number' && typeof e.data === 'string';
}

function endpointPath(url: string): string {
  const slash = url.indexOf('/', url.indexOf('://') + 3);
  if (slash < 0) return '/';
  const q = url.indexOf('?', slash);
  return q < 0 ? url.slice(slash) : url.slice(slash, q);
}

function bypass(member: string): KakaoConfigError {
  return new KakaoConfigError(
    `KakaoStrategy: _oauth2.${member} (node-oauth) is not available: KakaoStrategy talks to Kakao through its own HTTP client. Use _oauth2.get / getOAuthAccessToken, and set a proxy with the agent option or _oauth2.setAgent(agent)`,
  );
}
