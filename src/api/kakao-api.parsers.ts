import { KakaoResponseError } from '../errors/kakao-response.error';
import type { KakaoTokenResponse, KakaoUserMeResponse } from '../types/kakao-user.types';
import { toIdString } from '../util/exact-json';
import type {
  KakaoOidcUserInfo,
  KakaoRefreshedTokens,
  KakaoRevokeServiceTermsResponse,
  KakaoScopesResponse,
  KakaoServiceTermsResponse,
  KakaoShippingAddress,
  KakaoShippingAddressesResponse,
  KakaoTokenInfo,
  KakaoUpgradeServiceTermsResponse,
  KakaoUserIdResponse,
  KakaoUserIdsResponse,
  KakaoUsersResponse,
} from './kakao-api.types';

/**
 * Checks the parts of Kakao's answers that code relies on (ids, the main list) and turns every
 * id into an exact string. Anything else Kakao sends is kept as is.
 */
type Json = Record<string, unknown>;

function unusable(endpoint: string, detail: string): KakaoResponseError {
  return new KakaoResponseError(endpoint, 'unexpected', detail);
}

function object(endpoint: string, value: unknown, what = 'the answer'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unusable(endpoint, `${what} is not a JSON object`);
  }
  return value as Json;
}

function id(endpoint: string, value: unknown, field = 'id'): string {
  const exact = toIdString(value);
  if (exact === undefined) throw unusable(endpoint, `the answer has no valid ${field}`);
  return exact;
}

function list(endpoint: string, body: Json, field: string): unknown[] {
  const value = body[field];
  if (!Array.isArray(value)) throw unusable(endpoint, `the answer has no ${field} list`);
  return value;
}

export function parseUserMe(endpoint: string, value: unknown): KakaoUserMeResponse {
  const body = object(endpoint, value);
  return { ...body, id: id(endpoint, body.id) } as KakaoUserMeResponse;
}

export function parseUserIdResponse(endpoint: string, value: unknown): KakaoUserIdResponse {
  const body = object(endpoint, value);
  return { ...body, id: id(endpoint, body.id) };
}

export function parseTokenInfo(endpoint: string, value: unknown): KakaoTokenInfo {
  const body = object(endpoint, value);
  if (typeof body.expires_in !== 'number') throw unusable(endpoint, 'the answer has no expires_in');
  return { ...body, id: id(endpoint, body.id) } as KakaoTokenInfo;
}

/** `{ id, <field>: [objects] }`, the shape of the consent and service-terms answers. */
function idAndList<T>(endpoint: string, value: unknown, field: string): T {
  const body = object(endpoint, value);
  const items = list(endpoint, body, field).map((item) =>
    object(endpoint, item, `an item of ${field}`),
  );
  return { ...body, id: id(endpoint, body.id), [field]: items } as unknown as T;
}

export function parseScopes(endpoint: string, value: unknown): KakaoScopesResponse {
  return idAndList(endpoint, value, 'scopes');
}

export function parseServiceTerms(endpoint: string, value: unknown): KakaoServiceTermsResponse {
  return idAndList(endpoint, value, 'service_terms');
}

export function parseUpgradedServiceTerms(
  endpoint: string,
  value: unknown,
): KakaoUpgradeServiceTermsResponse {
  return idAndList(endpoint, value, 'agreed_service_terms');
}

export function parseRevokedServiceTerms(
  endpoint: string,
  value: unknown,
): KakaoRevokeServiceTermsResponse {
  return idAndList(endpoint, value, 'revoked_service_terms');
}

export function parseShippingAddresses(
  endpoint: string,
  value: unknown,
): KakaoShippingAddressesResponse {
  const body = object(endpoint, value);
  const { shipping_addresses: rawAddresses, ...rest } = body;
  const out = { ...rest, user_id: id(endpoint, body.user_id, 'user_id') };
  if (rawAddresses === undefined || rawAddresses === null) {
    return out as unknown as KakaoShippingAddressesResponse;
  }
  const addresses = list(endpoint, body, 'shipping_addresses').map((a): KakaoShippingAddress => {
    const address = object(endpoint, a, 'an address');
    return { ...address, id: id(endpoint, address.id, 'address id') } as KakaoShippingAddress;
  });
  return { ...out, shipping_addresses: addresses } as unknown as KakaoShippingAddressesResponse;
}

export function parseUserIds(endpoint: string, value: unknown): KakaoUserIdsResponse {
  const body = object(endpoint, value);
  const elements = list(endpoint, body, 'elements').map((e) => id(endpoint, e, 'user id'));
  return { ...body, elements } as KakaoUserIdsResponse;
}

/** Kakao documents `elements`; a bare array is accepted too. */
export function parseUsers(endpoint: string, value: unknown): KakaoUsersResponse {
  const items = Array.isArray(value) ? value : list(endpoint, object(endpoint, value), 'elements');
  const elements = items.map((u) => parseUserMe(endpoint, u));
  return Array.isArray(value) ? { elements } : { ...(value as Json), elements };
}

export function parseOidcUserInfo(endpoint: string, value: unknown): KakaoOidcUserInfo {
  const body = object(endpoint, value);
  const sub = typeof body.sub === 'string' && body.sub ? body.sub : toIdString(body.sub);
  if (!sub) throw unusable(endpoint, 'the answer has no valid sub');
  return { ...body, sub } as KakaoOidcUserInfo;
}

export function parseRefreshedTokens(
  endpoint: string,
  value: unknown,
  receivedAt: number,
): KakaoRefreshedTokens {
  const raw = object(endpoint, value) as unknown as KakaoTokenResponse;
  if (typeof raw.access_token !== 'string' || raw.access_token === '') {
    throw unusable(endpoint, 'the answer has no access_token');
  }
  if (typeof raw.expires_in !== 'number' || !Number.isFinite(raw.expires_in)) {
    throw unusable(endpoint, 'the answer has no expires_in');
  }
  const rotated = typeof raw.refresh_token === 'string' && raw.refresh_token !== '';
  const out: KakaoRefreshedTokens = {
    accessToken: raw.access_token,
    tokenType: typeof raw.token_type === 'string' ? raw.token_type : 'bearer',
    expiresIn: raw.expires_in,
    expiresAt: new Date(receivedAt + raw.expires_in * 1000),
    rotated,
    raw,
  };
  if (typeof raw.id_token === 'string' && raw.id_token) out.idToken = raw.id_token;
  if (typeof raw.scope === 'string') out.scope = raw.scope;
  if (rotated) {
    out.refreshToken = raw.refresh_token;
    if (typeof raw.refresh_token_expires_in === 'number') {
      out.refreshTokenExpiresIn = raw.refresh_token_expires_in;
      out.refreshTokenExpiresAt = new Date(receivedAt + raw.refresh_token_expires_in * 1000);
    }
  }
  return out;
}
