import { KakaoResponseError } from '../errors/kakao-response.error';
import type { KakaoAccount, KakaoUserMeResponse } from '../types/kakao-user.types';
import { parseExactJson, toIdString } from '../util/exact-json';
import type { KakaoProfile } from './kakao-profile';

const ENDPOINT = 'GET /v2/user/me';

/** `*_needs_agreement` flag → the consent item id to request with `scope`. */
const CONSENT_FLAGS: ReadonlyArray<readonly [keyof KakaoAccount, string]> = [
  ['profile_needs_agreement', 'profile'],
  ['profile_nickname_needs_agreement', 'profile_nickname'],
  ['profile_image_needs_agreement', 'profile_image'],
  ['name_needs_agreement', 'name'],
  ['email_needs_agreement', 'account_email'],
  ['age_range_needs_agreement', 'age_range'],
  ['birthyear_needs_agreement', 'birthyear'],
  ['birthday_needs_agreement', 'birthday'],
  ['gender_needs_agreement', 'gender'],
  ['phone_number_needs_agreement', 'phone_number'],
  ['ci_needs_agreement', 'account_ci'],
];

/**
 * Builds the normalized profile from a `/v2/user/me` answer (its text, or an already parsed
 * object). Ids stay exact; a missing consent leaves a field undefined. Throws
 * `KakaoResponseError` when the input is not a Kakao user object (no valid `id`).
 */
export function parseKakaoProfile(input: string | object): KakaoProfile {
  let raw: string;
  let parsed: unknown;
  if (typeof input === 'string') {
    raw = input;
    try {
      parsed = parseExactJson(input);
    } catch {
      throw new KakaoResponseError(ENDPOINT, 'malformed', 'the user info is not valid JSON');
    }
  } else {
    parsed = input;
    raw = JSON.stringify(input);
  }
  if (!isObject(parsed))
    throw new KakaoResponseError(ENDPOINT, 'unexpected', 'the user info is not a JSON object');
  const id = toIdString(parsed.id);
  if (!id) throw new KakaoResponseError(ENDPOINT, 'unexpected', 'the user info has no valid id');

  const account = isObject(parsed.kakao_account) ? (parsed.kakao_account as KakaoAccount) : {};
  const profile = isObject(account.profile) ? account.profile : {};
  const properties = isObject(parsed.properties)
    ? (parsed.properties as Record<string, unknown>)
    : {};
  const json = { ...(parsed as object), id } as KakaoUserMeResponse;

  const nickname = str(profile.nickname) ?? str(properties.nickname);
  const profileImageURL = str(profile.profile_image_url) ?? str(properties.profile_image);
  const thumbnailImageURL = str(profile.thumbnail_image_url) ?? str(properties.thumbnail_image);
  const email = str(account.email);
  const emailVerified = email
    ? account.is_email_valid === true && account.is_email_verified === true
    : undefined;

  return {
    provider: 'kakao',
    id,
    displayName: nickname,
    username: nickname,
    emails: email ? [{ value: email, verified: emailVerified === true }] : undefined,
    photos: profileImageURL ? [{ value: profileImageURL }] : undefined,
    nickname,
    profileImageURL,
    thumbnailImageURL,
    isDefaultImage: bool(profile.is_default_image),
    isDefaultNickname: bool(profile.is_default_nickname),
    email,
    emailVerified,
    name: str(account.name),
    gender: account.gender === 'female' || account.gender === 'male' ? account.gender : undefined,
    ageRange: str(account.age_range) as KakaoAccount['age_range'],
    birthday: str(account.birthday),
    birthdayType:
      account.birthday_type === 'SOLAR' || account.birthday_type === 'LUNAR'
        ? account.birthday_type
        : undefined,
    birthyear: str(account.birthyear),
    phoneNumber: str(account.phone_number),
    connectedAt: str(parsed.connected_at),
    hasSignedUp: bool(parsed.has_signed_up),
    missingConsents: CONSENT_FLAGS.filter(([flag]) => account[flag] === true).map(
      ([, scope]) => scope,
    ),
    source: 'user_me',
    _raw: raw,
    _json: json,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
