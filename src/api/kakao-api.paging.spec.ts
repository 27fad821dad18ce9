import { pageShippingAddresses, pageUserIds } from './kakao-api.paging';
import type {
  KakaoGetShippingAddressesOptions,
  KakaoShippingAddress,
  KakaoShippingAddressesResponse,
} from './kakao-api.types';

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

/** Kakao's order: default first, then newest first; a page starts before `from_updated_at`. */
function shippingBook(addresses: KakaoShippingAddress[]) {
  const calls: KakaoGetShippingAddressesOptions[] = [];
  const sorted = [
    ...addresses.filter((a) => a.is_default),
    ...addresses
      .filter((a) => !a.is_default)
      .sort((a, b) => (b.updated_at ?? 0) - (a.updated_at ?? 0)),
  ];
  const fetch = async (
    options: KakaoGetShippingAddressesOptions,
  ): Promise<KakaoShippingAddressesResponse> => {
    calls.push(options);
    const from = options.fromUpdatedAt;
    const list = sorted.filter(
      (a) => from === undefined || (!a.is_default && (a.updated_at ?? 0) < from),
    );
    return { user_id: '1', shipping_addresses: list.slice(0, options.pageSize ?? 10) };
  };
  return { fetch, calls };
}

const address = (id: number, updatedAt: number, isDefault = false): KakaoShippingAddress => ({
  id: String(id),
  is_default: isDefault,
  updated_at: updatedAt,
});

describe('pageShippingAddresses', () => {
  it("walks every page once, cursoring on the last address's updated_at", async () => {
    const book = shippingBook([
      address(1, 100, true),
      address(2, 500),
      address(3, 400),
      address(4, 300),
      address(5, 200),
    ]);
    const ids = (await collect(pageShippingAddresses(book.fetch, 2))).map((a) => a.id);
    expect(ids).toEqual(['1', '2', '3', '4', '5']);
    expect(book.calls.map((c) => c.fromUpdatedAt)).toEqual([undefined, 500, 300]);
  });

  it('stops on an empty or short page', async () => {
    expect(await collect(pageShippingAddresses(shippingBook([]).fetch, 10))).toEqual([]);
    const book = shippingBook([address(1, 1, true), address(2, 2)]);
    expect(await collect(pageShippingAddresses(book.fetch, 10))).toHaveLength(2);
    expect(book.calls).toHaveLength(1);
  });

  it('never loops when Kakao repeats a page', async () => {
    const page = { user_id: '1', shipping_addresses: [address(1, 5), address(2, 5)] };
    let calls = 0;
    const got = await collect(
      pageShippingAddresses(async () => {
        calls++;
        return page;
      }, 2),
    );
    expect(got).toHaveLength(2);
    expect(calls).toBe(2);
  });
});

describe('pageUserIds', () => {
  it("follows after_url's from_id without requesting the URL itself", async () => {
    const pages: Record<string, { elements: string[]; after_url: string | null }> = {
      '': { elements: ['1', '2'], after_url: 'https://evil.example/v1/user/ids?limit=2&from_id=2' },
      '2': { elements: ['3'], after_url: null },
    };
    const seen: Array<string | undefined> = [];
    const ids = await collect(
      pageUserIds(
        async (o) => {
          seen.push(o.fromId as string | undefined);
          expect(o.limit).toBe(2);
          return pages[(o.fromId as string) ?? ''];
        },
        { limit: 2 },
      ),
    );
    expect(ids).toEqual(['1', '2', '3']);
    expect(seen).toEqual([undefined, '2']);
  });

  it('stops when from_id does not move', async () => {
    let calls = 0;
    const ids = await collect(
      pageUserIds(async () => {
        calls++;
        return { elements: ['9'], after_url: '/v1/user/ids?from_id=9' };
      }),
    );
    expect(ids).toEqual(['9', '9']);
    expect(calls).toBe(2);
  });
});
