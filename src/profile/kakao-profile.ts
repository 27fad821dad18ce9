import type {
  KakaoAgeRange,
  KakaoIdTokenClaims,
  KakaoUserMeResponse,
} from '../types/kakao-user.types';

/**
 * What the strategy yields: Passport's normalized profile plus Kakao's fields. A field the user
 * has not consented to is `undefined`; nothing is ever filled with a placeholder.
 */
export interface KakaoProfile {
  provider: 'kakao';
  /** Kakao user id as an exact string (ids can exceed 2^53). */
  id: string;
  /** The nickname (Passport's field). */
  displayName?: string;
  /** The nickname (Passport's field). */
  username?: string;
  /** Present only when Kakao gave an email; `verified` = `is_email_valid && is_email_verified`. */
  emails?: Array<{ value: string; verified: boolean }>;
  /** The profile image, when consented. */
  photos?: Array<{ value: string }>;
  nickname?: string;
  profileImageURL?: string;
  thumbnailImageURL?: string;
  /** True when the user has no profile image of their own. */
  isDefaultImage?: boolean;
  /** True when Kakao generated the nickname. */
  isDefaultNickname?: boolean;
  email?: string;
  /** `is_email_valid && is_email_verified`: the only email safe to trust. Never link accounts on an unverified email. */
  emailVerified?: boolean;
  name?: string;
  gender?: 'female' | 'male';
  ageRange?: KakaoAgeRange;
  /** `MMDD`. */
  birthday?: string;
  birthdayType?: 'SOLAR' | 'LUNAR';
  /** `YYYY`. */
  birthyear?: string;
  /** `+82 10-1234-5678`. */
  phoneNumber?: string;
  /** When the user linked the app. */
  connectedAt?: string;
  /** Only for apps with auto-link disabled. */
  hasSignedUp?: boolean;
  /** Consent items Kakao says the user has not agreed to (e.g. `account_email`); ask with `scope`. */
  missingConsents: string[];
  /** Where the profile came from: `/v2/user/me`, or the verified id_token alone. */
  source: 'user_me' | 'id_token';
  /** The response text as received. */
  _raw: string;
  /**
   * The parsed `/v2/user/me` answer (ids as exact strings). In `id_token` mode, the same shape
   * filled from the claims (`id`, `profile.nickname`, `profile.thumbnail_image_url`, `email`).
   */
  _json: KakaoUserMeResponse;
  /** The verified id_token claims, when the login used OpenID Connect. */
  idTokenClaims?: KakaoIdTokenClaims;
}
