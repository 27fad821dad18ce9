import { KakaoApiError } from '../errors/kakao-api.error';
import { absoluteURL } from './kakao-api.args';
import { KAKAO_AUTH_BASE_URL } from '../options/kakao-urls';
import { baseURL } from '../options/option-checks';

/** What to ask consent for: a -402 `KakaoApiError` (its `requiredScopes`) or the scope ids. */
export type KakaoAdditionalConsentInput = (
  { error: KakaoApiError; scopes?: never } | { scopes: string[]; error?: never }
) & {
  /** The callback URL Kakao redirects to with the code; must be registered. */
  redirectURI: string;
  /** Your CSRF value, echoed back to the callback; check it there. */
  state?: string;
  /** Add `openid`: required when the app uses OpenID Connect, or no id_token is re-issued. */
  openid?: boolean;
};

/** The app and server `additionalConsentURL` builds URLs for. */
export interface KakaoAdditionalConsentApp {
  /** The REST API key. */
  clientID: string;
  /** Default `https://kauth.kakao.com`. */
  authBaseURL?: string;
}

/**
 * Turns a -402 ("insufficient scope") into the authorize URL that asks the user for exactly the
 * missing consent items: `scope=<required_scopes>` comma-joined, plus `openid` when OIDC is on.
 * Send the browser there and exchange the code as at login.
 */
export function additionalConsentURL(
  app: KakaoAdditionalConsentApp,
  input: KakaoAdditionalConsentInput,
): string {
  if (!app || typeof app.clientID !== 'string' || app.clientID === '') {
    throw new TypeError('additionalConsentURL: clientID (the REST API key) is required.');
  }
  const scopes = scopesOf(input);
  if (input.openid && !scopes.includes('openid')) scopes.push('openid');
  const redirect = absoluteURL(
    'additionalConsentURL',
    'redirectURI',
    input.redirectURI,
    'use the callback URL registered under [Kakao Login] > [Redirect URI]',
  );
  // The same rule as every other authBaseURL: a query or credentials would break the URL.
  const base = baseURL('additionalConsentURL', 'authBaseURL', app.authBaseURL, KAKAO_AUTH_BASE_URL);
  const query = new URLSearchParams({
    client_id: app.clientID,
    redirect_uri: redirect,
    response_type: 'code',
    scope: scopes.join(','),
  });
  if (input.state !== undefined) query.set('state', String(input.state));
  return `${base}/oauth/authorize?${query.toString()}`;
}

function scopesOf(input: KakaoAdditionalConsentInput): string[] {
  if (!input || typeof input !== 'object') {
    throw new TypeError(
      'additionalConsentURL: pass { error } (a -402 KakaoApiError) or { scopes }.',
    );
  }
  let scopes: unknown;
  if (input.error !== undefined) {
    const err = input.error;
    if (!(err instanceof KakaoApiError) || err.code !== -402) {
      throw new TypeError(
        'additionalConsentURL: error must be a KakaoApiError with code -402 (insufficient scope); other errors do not need additional consent.',
      );
    }
    scopes = err.requiredScopes;
    if (!Array.isArray(scopes) || scopes.length === 0) {
      throw new TypeError(
        'additionalConsentURL: this -402 error names no required_scopes; pass { scopes } with the consent items to ask for.',
      );
    }
  } else {
    scopes = input.scopes;
  }
  if (
    !Array.isArray(scopes) ||
    scopes.length === 0 ||
    !scopes.every((s) => typeof s === 'string' && /^[\w.:-]+$/.test(s))
  ) {
    throw new TypeError(
      'additionalConsentURL: scopes must be a non-empty list of consent item ids, e.g. ["account_email"].',
    );
  }
  return [...new Set(scopes as string[])];
}
