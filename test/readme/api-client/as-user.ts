/** docs/api-client.md snippet "Calling as a user with stored tokens" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
import type { KakaoApiClient, KakaoUserTokens } from 'nestjs-kakao-auth/passport';

declare const kakao: KakaoApiClient;
declare const db: {
  query(sql: string, params: unknown[]): Promise<{ rowCount: number }>;
  kakaoTokens(userId: string): Promise<KakaoUserTokens>;
};

export async function profileOf(
  userId: string,
  row: { accessToken: string; refreshToken: string },
) {
  // #region readme
  const session = kakao.asUser(
    { accessToken: row.accessToken, refreshToken: row.refreshToken },
    {
      // Called once per refresh. Persist with compare-and-set on the refresh token it replaces.
      onTokens: async (tokens, previous) => {
        const { rowCount } = await db.query(
          `UPDATE kakao_tokens SET access_token = $1, refresh_token = $2, expires_at = $3
            WHERE user_id = $4 AND refresh_token = $5`,
          [
            tokens.accessToken,
            tokens.refreshToken,
            tokens.expiresAt,
            userId,
            previous.refreshToken,
          ],
        );
        if (rowCount === 0) return false; // someone stored newer tokens: use those (loadTokens)
      },
      // Reads what is stored now; used after KOE322 and after a lost compare-and-set.
      loadTokens: async () => db.kakaoTokens(userId),
    },
  );
  const profile = await session.getProfile();
  // #endregion
  return profile;
}
