/** docs/api-client.md snippet (type-checked by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
import { KakaoApiClient } from 'nestjs-kakao-auth/passport';

const kakao = new KakaoApiClient({
  clientID: process.env.KAKAO_CLIENT_ID!, // [App Keys] > REST API key
  clientSecret: process.env.KAKAO_CLIENT_SECRET, // [Kakao Login] > [Security]; ON by default
  adminKey: process.env.KAKAO_ADMIN_KEY, // only for logoutUser, unlinkUser, getUserIds, getUsers
});

export async function kakaoIdOf(accessToken: string): Promise<string> {
  const me = await kakao.getUser(accessToken);
  return me.id; // a string, exact even with 19 digits
}
// #endregion
