import type { ResolvedStrategyOptions } from './resolve-strategy-options';

/**
 * The KakaoEmulator's default REST API key (src/testing/emulator-options.ts). Duplicated on
 * purpose: the core must not import the emulator. Any `emulator-…` key is the emulator's format.
 */
const EMULATOR_CLIENT_ID = 'emulator-rest-api-key';
/** Kakao's REST API keys are 32 hex digits. */
const KAKAO_KEY = /^[0-9a-f]{32}$/i;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isKakaoHost(hostname: string): boolean {
  return hostname === 'kakao.com' || hostname.endsWith('.kakao.com');
}

/**
 * A warning when the client id and the URLs point at different worlds: the emulator's key with
 * Kakao's URLs (the login would end on Kakao's KOE101 page), or a real Kakao key with URLs on
 * this machine (the emulator refuses an unknown client id). Undefined when they agree.
 */
export function emulatorMixWarning(s: ResolvedStrategyOptions): string | undefined {
  const urls = [s.authorizationURL, s.tokenURL, s.userProfileURL];
  const emulatorKey = s.clientID === EMULATOR_CLIENT_ID || s.clientID.startsWith('emulator-');
  if (emulatorKey) {
    const kakao = urls.find((u) => isKakaoHost(new URL(u).hostname));
    if (kakao)
      return `KakaoStrategy: clientID "${s.clientID}" is the KakaoEmulator's key, but ${kakao} is the real Kakao, which will refuse it (KOE101). To log in on the emulator, set authBaseURL and apiBaseURL to its URLs (authBaseURL: process.env.KAKAO_AUTH_BASE_URL, apiBaseURL: process.env.KAKAO_API_BASE_URL); for the real Kakao, set clientID to your app's REST API key.`;
    return undefined;
  }
  if (KAKAO_KEY.test(s.clientID)) {
    const local = urls.find((u) => LOOPBACK.has(new URL(u).hostname));
    if (local)
      return `KakaoStrategy: clientID looks like a real Kakao REST API key, but ${local} is on this machine (the KakaoEmulator?), which does not know that key. On the emulator, use its clientID (kakao.clientID, "${EMULATOR_CLIENT_ID}" by default); for the real Kakao, leave authBaseURL and apiBaseURL out.`;
  }
  return undefined;
}
