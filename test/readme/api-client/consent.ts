/** docs/api-client.md snippet "Errors" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import type { Response } from 'express';
import { KakaoApiClient, KakaoApiError } from 'nestjs-kakao-auth/passport';

declare const kakao: KakaoApiClient;
declare const CALLBACK_URL: string;

export async function addresses(accessToken: string, state: string, res: Response) {
  // #region readme
  try {
    return await kakao.getShippingAddresses(accessToken);
  } catch (err) {
    if (err instanceof KakaoApiError && err.code === -402) {
      // The user has not consented to shipping_address: ask for exactly that.
      return res.redirect(
        kakao.additionalConsentURL({ error: err, redirectURI: CALLBACK_URL, state, openid: true }),
      );
    }
    throw err;
  }
  // #endregion
}
