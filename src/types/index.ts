export type {
  KakaoUserMeResponse,
  KakaoAccount,
  KakaoAccountProfile,
  KakaoAgeRange,
  KakaoTokenResponse,
  KakaoIdTokenClaims,
} from './kakao-user.types';
