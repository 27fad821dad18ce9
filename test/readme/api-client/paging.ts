/** docs/api-client.md snippet "Paging" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import type { KakaoApiClient } from 'nestjs-kakao-auth/passport';

declare const kakao: KakaoApiClient;
declare const accessToken: string;
declare function ship(address: unknown): void;
declare function check(userId: string): Promise<void>;

export async function example() {
  // #region readme
  for await (const address of kakao.iterateShippingAddresses(accessToken, { pageSize: 10 })) {
    ship(address);
  }
  for await (const id of kakao.iterateUserIds({ limit: 100 })) {
    await check(id); // Kakao: 100 calls a minute
  }
  // #endregion
}
