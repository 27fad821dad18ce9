/** README snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
import { KakaoApiClient, KakaoApiError } from 'nestjs-kakao-auth/passport';

declare const accessToken: string;
declare const storedRefreshToken: string;
declare const db: { saveRefreshToken(token: string): Promise<void> };

export async function example(): Promise<void> {
  // #region readme
  const kakao = new KakaoApiClient({
    clientID: process.env.KAKAO_CLIENT_ID!,
    clientSecret: process.env.KAKAO_CLIENT_SECRET,
    adminKey: process.env.KAKAO_ADMIN_KEY, // admin-key methods only; keep it on the server
  });

  const me = await kakao.getUser(accessToken); // me.id is an exact string
  const fresh = await kakao.refreshTokens(storedRefreshToken);
  if (fresh.rotated) await db.saveRefreshToken(fresh.refreshToken!); // KOE322 otherwise, later
  await kakao.logout(accessToken);
  await kakao.unlinkUser(me.id); // admin key: e.g. when the user deletes their account

  try {
    await kakao.getShippingAddresses(accessToken);
  } catch (err) {
    if (err instanceof KakaoApiError && err.code === -402) {
      // Not consented: send the browser to Kakao for exactly the missing items.
      console.log(err.requiredScopes); // ['shipping_address']
    }
  }
  // #endregion
}
