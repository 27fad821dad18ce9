import { toIdString } from '../util/exact-json';
import { KAKAO_API_BASE_URL } from '../options/kakao-urls';
import type {
  KakaoGetShippingAddressesOptions,
  KakaoGetUserIdsOptions,
  KakaoShippingAddress,
  KakaoShippingAddressesResponse,
  KakaoUserIdsResponse,
} from './kakao-api.types';

/**
 * Walks every shipping address. Kakao lists the default address first, then the others newest
 * first; the next page is asked with `from_updated_at` = the `updated_at` of the last address
 * of the previous page. An address is never yielded twice, and a page that brings nothing new
 * ends the walk.
 */
export async function* pageShippingAddresses(
  fetchPage: (options: KakaoGetShippingAddressesOptions) => Promise<KakaoShippingAddressesResponse>,
  pageSize = 10,
): AsyncGenerator<KakaoShippingAddress, void, undefined> {
  const seen = new Set<string>();
  let fromUpdatedAt: number | undefined;
  for (;;) {
    const page = await fetchPage({ pageSize, fromUpdatedAt });
    const addresses = page.shipping_addresses ?? [];
    let fresh = 0;
    for (const address of addresses) {
      if (seen.has(address.id)) continue;
      seen.add(address.id);
      fresh++;
      yield address;
    }
    const next = addresses.at(-1)?.updated_at;
    if (addresses.length < pageSize || fresh === 0 || typeof next !== 'number') return;
    if (next === fromUpdatedAt) return;
    fromUpdatedAt = next;
  }
}

/**
 * Walks every user id of the app, page by page. The next page's `from_id` is read from Kakao's
 * `after_url`; the URL itself is never requested, so the admin key only ever goes to `apiBaseURL`.
 */
export async function* pageUserIds(
  fetchPage: (options: KakaoGetUserIdsOptions) => Promise<KakaoUserIdsResponse>,
  options: Omit<KakaoGetUserIdsOptions, 'fromId'> = {},
): AsyncGenerator<string, void, undefined> {
  let fromId: string | undefined;
  for (;;) {
    const page = await fetchPage({ ...options, fromId });
    for (const id of page.elements) yield id;
    const next = fromIdOf(page.after_url);
    if (!next || page.elements.length === 0 || next === fromId) return;
    fromId = next;
  }
}

function fromIdOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || url === '') return undefined;
  try {
    return toIdString(new URL(url, KAKAO_API_BASE_URL).searchParams.get('from_id'));
  } catch {
    return undefined;
  }
}
