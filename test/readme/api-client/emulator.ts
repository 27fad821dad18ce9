/** docs/api-client.md snippet "Testing against the emulator" (type-checked by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
import { KakaoApiClient } from 'nestjs-kakao-auth/passport';
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';

export async function onTheEmulator(): Promise<void> {
  const emulator = await KakaoEmulator.start();
  const kakao = new KakaoApiClient({
    clientID: emulator.clientID,
    adminKey: emulator.adminKey,
    authBaseURL: emulator.authBaseURL,
    apiBaseURL: emulator.apiBaseURL,
  });
  const tokens = emulator.issueTokens(emulator.users[0].id);
  await kakao.getUser(tokens.access_token);
  emulator.faults.set('GET /v2/user/me', { kakaoError: -401, times: 1 }); // exercise asUser
  await emulator.stop();
}
// #endregion
