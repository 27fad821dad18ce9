import type { ResolvedEmulatorOptions } from './emulator-options';

/**
 * Admin-key API categories of Kakao Login (reference kakao-webhooks.md §3.1, "Admin key: API
 * category"): each admin key allows some of them since 2025-12-03.
 */
export type EmulatorAdminKeyCategory =
  'logout' | 'unlink' | 'user_info' | 'consent' | 'service_terms';

export const ADMIN_KEY_CATEGORIES: readonly EmulatorAdminKeyCategory[] = [
  'logout',
  'unlink',
  'user_info',
  'consent',
  'service_terms',
];

/** One more REST API key of the app, with its own redirect URIs and client secret. */
export interface EmulatorRestApiKey {
  key: string;
  /** When set, /oauth/token with this key requires it (KOE010). */
  clientSecret?: string;
  /** Registered for this key; unset = any absolute http(s) URI. */
  redirectURIs?: string[];
}

/** One more (non-primary) admin key of the app, with its API-category allow-list. */
export interface EmulatorAdminKey {
  key: string;
  /** Allowed categories; default all. */
  categories?: EmulatorAdminKeyCategory[];
}

/** The REST API key `clientId` names (the primary `clientID` or one of `restApiKeys`). */
export function restApiKey(
  options: ResolvedEmulatorOptions,
  clientId: string | undefined,
): EmulatorRestApiKey | undefined {
  if (clientId === undefined) return undefined;
  if (clientId === options.clientID)
    return {
      key: clientId,
      clientSecret: options.clientSecret,
      redirectURIs: options.redirectURIs,
    };
  return options.restApiKeys.find((key) => key.key === clientId);
}

/** The categories the admin key allows, or undefined when it is not an admin key of the app. */
export function adminKeyCategories(
  options: ResolvedEmulatorOptions,
  key: string,
): readonly EmulatorAdminKeyCategory[] | undefined {
  if (key === options.adminKey) return options.adminKeyCategories;
  const extra = options.adminKeys.find((candidate) => candidate.key === key);
  return extra ? (extra.categories ?? ADMIN_KEY_CATEGORIES) : undefined;
}

/** The category of an admin-key API path. */
export function adminCategoryOf(path: string): EmulatorAdminKeyCategory {
  if (path === '/v1/user/logout') return 'logout';
  if (path === '/v1/user/unlink') return 'unlink';
  if (path.includes('scopes')) return 'consent';
  if (path.includes('service_terms')) return 'service_terms';
  return 'user_info';
}
