import { KakaoApiError } from '../errors/kakao-api.error';

/** Kakao Login's admin-key API categories ([App] > [Platform Keys] > [Admin Key], since 2025-12-03). */
export type KakaoAdminApiCategory =
  'Logout' | 'Unlink user' | 'Manage user info' | 'Manage consent items' | 'User service terms';

/**
 * An admin-key call refused with -3 or -5, most likely because the admin key does not allow the
 * call's API category. Kakao's exact code for that is UNCONFIRMED, so both are mapped; the
 * original `code` and `msg` are kept.
 */
export class KakaoAdminKeyCategoryError extends KakaoApiError {
  /** The category the refused call belongs to. */
  readonly category: KakaoAdminApiCategory;
  declare readonly hint: string;

  constructor(original: KakaoApiError, category: KakaoAdminApiCategory) {
    super({ code: original.code, msg: original.msg, api_type: original.apiType }, original.status);
    this.category = category;
    const hint = `If this admin key does not allow the "${category}" API category, allow it under [App] > [Platform Keys] > [Admin Key] in the Kakao Developers console, or use an admin key that does.`;
    Object.defineProperty(this, 'hint', { value: hint, enumerable: true });
    this.message = `Kakao API error ${original.code} (HTTP ${original.status}) on an admin-key call: ${original.msg}. ${hint}`;
  }
}

/** The category of an admin-key API path. */
export function adminApiCategory(path: string): KakaoAdminApiCategory {
  if (path === '/v1/user/logout') return 'Logout';
  if (path === '/v1/user/unlink') return 'Unlink user';
  if (path.includes('scopes')) return 'Manage consent items';
  if (path.includes('service_terms')) return 'User service terms';
  return 'Manage user info';
}

/** `err`, or the typed category error when an admin-key call got -3 / -5 (not a "not revocable" -3). */
export function mapAdminKeyError(err: unknown, authorization: string, path: string): unknown {
  if (
    err instanceof KakaoApiError &&
    authorization.startsWith('KakaoAK ') &&
    (err.code === -3 || err.code === -5) &&
    !/revocable/i.test(err.msg)
  )
    return new KakaoAdminKeyCategoryError(err, adminApiCategory(path));
  return err;
}
