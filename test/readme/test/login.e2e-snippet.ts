/** README snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
// test/login.e2e-spec.ts: your app's Kakao Login, with no Kakao account and no network
import { KakaoEmulator } from 'nestjs-kakao-auth/testing';
import request from 'supertest';
import { createApp } from '../src/app'; // your app, taking its Kakao settings as arguments

describe('Kakao login', () => {
  let kakao: KakaoEmulator;

  beforeAll(async () => {
    kakao = await KakaoEmulator.start({ autoApprove: true }); // approves at once as kakao.users[0]
  });
  afterAll(() => kakao.stop());

  function appOnEmulator() {
    return createApp({
      clientID: kakao.clientID,
      callbackURL: 'http://127.0.0.1:3000/auth/kakao/callback',
      authBaseURL: kakao.authBaseURL, // kauth.kakao.com → the emulator
      apiBaseURL: kakao.apiBaseURL, // kapi.kakao.com → the emulator
    });
  }

  /** The browser's trip: app → Kakao (approves) → back to the app's callback. */
  async function login(agent: ReturnType<typeof request.agent>) {
    const toKakao = await agent.get('/auth/kakao').expect(302);
    const atKakao = await fetch(toKakao.headers.location, { redirect: 'manual' });
    const callback = new URL(atKakao.headers.get('location')!);
    return agent.get(callback.pathname + callback.search);
  }

  it('logs the first test user in', async () => {
    const res = await login(request.agent(appOnEmulator()));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
  });

  it('ends on the failure page when Kakao is down', async () => {
    kakao.faults.set('POST /oauth/token', { status: 503, times: 1 });
    const res = await login(request.agent(appOnEmulator()));
    expect(res.headers.location).toMatch(/^\/login-failed/);
  });
});
// #endregion
