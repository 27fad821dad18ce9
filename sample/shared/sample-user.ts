import type { KakaoProfile } from '../../src/passport';
import type { ProfileView } from './sample-pages.html';

/**
 * What the samples keep in the session for a logged-in user: a few profile fields (no `_raw`,
 * no `_json`: sessions should stay small) and the Kakao access token for logout and unlink.
 * A real app would store its own user row here, found by the Kakao id (never by email).
 */
export interface SampleUser extends ProfileView {
  accessToken: string;
}

export function toSampleUser(profile: KakaoProfile, accessToken: string): SampleUser {
  return {
    id: profile.id,
    nickname: profile.nickname,
    profileImageURL: profile.profileImageURL,
    email: profile.email,
    emailVerified: profile.emailVerified,
    name: profile.name,
    gender: profile.gender,
    ageRange: profile.ageRange,
    connectedAt: profile.connectedAt,
    missingConsents: profile.missingConsents,
    accessToken,
  };
}

/** A same-origin form POST: `Sec-Fetch-Site: same-origin`, or (old browsers) our own `Origin`. */
export function isSameOrigin(
  headers: Record<string, string | string[] | undefined>,
  appOrigin: string,
): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return headers.origin === appOrigin;
}
