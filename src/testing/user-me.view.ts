import type { EmulatorState } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import { idNumber, type JsonValue } from './raw-json.writer';

type JsonObject = { [key: string]: JsonValue };

export interface UserMeOptions {
  /** property_keys: 'kakao_account.email', 'kakao_account.' (all children), 'properties.nickname', … */
  propertyKeys?: string[];
  /** secure_resource: https image URLs; Kakao's default is false = http:// (reference §1.3). */
  secureResource: boolean;
}

function selects(propertyKeys: string[] | undefined, key: string): boolean {
  if (!propertyKeys) return true;
  return propertyKeys.some(
    (wanted) =>
      wanted === key ||
      (wanted.endsWith('.') && key.startsWith(wanted)) ||
      key.startsWith(`${wanted}.`),
  );
}

/** Rewrites the scheme of a Kakao CDN URL (only the leading one, not the nested fname=http://). */
export function imageURL(url: string | undefined, secure: boolean): string | undefined {
  if (url === undefined) return undefined;
  return secure ? url.replace(/^http:/, 'https:') : url.replace(/^https:/, 'http:');
}

/**
 * One consent-dependent block of kakao_account: absent when the app has not configured the item
 * (and the user never agreed to it) or the user has no such data; `<flag>: true` and no value
 * when not agreed; `<flag>: false` plus the values when agreed (reference §1.3).
 */
function consentBlock(
  state: EmulatorState,
  user: EmulatorUser,
  item: string,
  flag: string,
  values: JsonObject | undefined,
): JsonObject {
  const agreed = user.agreedScopes.includes(item);
  if (!values || (!agreed && !state.options.consentItems.includes(item))) return {};
  return agreed ? { [flag]: false, ...values } : { [flag]: true };
}

function profileBlock(state: EmulatorState, user: EmulatorUser, secure: boolean): JsonObject {
  const nickname = { nickname: user.nickname, is_default_nickname: user.isDefaultNickname };
  const image = {
    thumbnail_image_url: imageURL(user.thumbnailImageURL, secure),
    profile_image_url: imageURL(user.profileImageURL, secure),
    is_default_image: user.isDefaultImage,
  };
  const legacy =
    user.agreedScopes.includes('profile') || state.options.consentItems.includes('profile');
  if (legacy) {
    const block = consentBlock(state, user, 'profile', 'profile_needs_agreement', {});
    if (block.profile_needs_agreement === false) block.profile = { ...nickname, ...image };
    return block;
  }
  const nicknameBlock = consentBlock(
    state,
    user,
    'profile_nickname',
    'profile_nickname_needs_agreement',
    user.nickname !== undefined ? {} : undefined,
  );
  const imageBlock = consentBlock(
    state,
    user,
    'profile_image',
    'profile_image_needs_agreement',
    user.profileImageURL !== undefined ? {} : undefined,
  );
  const profile: JsonObject = {
    ...(nicknameBlock.profile_nickname_needs_agreement === false ? nickname : {}),
    ...(imageBlock.profile_image_needs_agreement === false ? image : {}),
  };
  return {
    ...nicknameBlock,
    ...imageBlock,
    ...(Object.keys(profile).length > 0 ? { profile } : {}),
  };
}

function kakaoAccount(
  state: EmulatorState,
  user: EmulatorUser,
  options: UserMeOptions,
): JsonObject {
  const has = (value: unknown) => value !== undefined;
  const sections: Array<[string, () => JsonObject]> = [
    ['profile', () => profileBlock(state, user, options.secureResource)],
    [
      'name',
      () =>
        consentBlock(
          state,
          user,
          'name',
          'name_needs_agreement',
          has(user.name) ? { name: user.name } : undefined,
        ),
    ],
    [
      'email',
      () =>
        consentBlock(
          state,
          user,
          'account_email',
          'email_needs_agreement',
          has(user.email)
            ? {
                is_email_valid: user.isEmailValid,
                is_email_verified: user.isEmailVerified,
                email: user.email,
              }
            : undefined,
        ),
    ],
    [
      'age_range',
      () =>
        consentBlock(
          state,
          user,
          'age_range',
          'age_range_needs_agreement',
          has(user.ageRange) ? { age_range: user.ageRange } : undefined,
        ),
    ],
    [
      'birthyear',
      () =>
        consentBlock(
          state,
          user,
          'birthyear',
          'birthyear_needs_agreement',
          has(user.birthyear) ? { birthyear: user.birthyear } : undefined,
        ),
    ],
    [
      'birthday',
      () =>
        consentBlock(
          state,
          user,
          'birthday',
          'birthday_needs_agreement',
          has(user.birthday)
            ? {
                birthday: user.birthday,
                birthday_type: user.birthdayType,
                is_leap_month: user.isLeapMonth,
              }
            : undefined,
        ),
    ],
    [
      'gender',
      () =>
        consentBlock(
          state,
          user,
          'gender',
          'gender_needs_agreement',
          has(user.gender) ? { gender: user.gender } : undefined,
        ),
    ],
    [
      'phone_number',
      () =>
        consentBlock(
          state,
          user,
          'phone_number',
          'phone_number_needs_agreement',
          has(user.phoneNumber) ? { phone_number: user.phoneNumber } : undefined,
        ),
    ],
    [
      'ci',
      () =>
        consentBlock(
          state,
          user,
          'account_ci',
          'ci_needs_agreement',
          has(user.ci) ? { ci: user.ci, ci_authenticated_at: user.ciAuthenticatedAt } : undefined,
        ),
    ],
  ];
  const account: JsonObject = {};
  for (const [key, build] of sections) {
    if (selects(options.propertyKeys, `kakao_account.${key}`)) Object.assign(account, build());
  }
  return account;
}

function properties(user: EmulatorUser, options: UserMeOptions): JsonObject {
  const secure = options.secureResource;
  // The deprecated profile copies Kakao still sends in `properties` (reference §1.3).
  const all: JsonObject = {
    nickname: user.agreedScopes.some((s) => s === 'profile_nickname' || s === 'profile')
      ? user.nickname
      : undefined,
    profile_image: user.agreedScopes.some((s) => s === 'profile_image' || s === 'profile')
      ? imageURL(user.profileImageURL, secure)
      : undefined,
    thumbnail_image: user.agreedScopes.some((s) => s === 'profile_image' || s === 'profile')
      ? imageURL(user.thumbnailImageURL, secure)
      : undefined,
    ...user.properties,
  };
  const picked: JsonObject = {};
  for (const [key, value] of Object.entries(all)) {
    if (value !== undefined && selects(options.propertyKeys, `properties.${key}`))
      picked[key] = value;
  }
  return picked;
}

/** The /v2/user/me body (also each element of /v2/app/users), id as a bare number. */
export function userMeView(
  state: EmulatorState,
  user: EmulatorUser,
  options: UserMeOptions,
): JsonObject {
  const account = kakaoAccount(state, user, options);
  const props = properties(user, options);
  return {
    id: idNumber(user.id),
    has_signed_up: state.options.autoLink ? undefined : user.hasSignedUp,
    connected_at: user.connectedAt,
    synched_at: user.synchedAt,
    properties: Object.keys(props).length > 0 ? props : undefined,
    kakao_account: Object.keys(account).length > 0 ? account : undefined,
    for_partner: user.forPartnerUuid ? { uuid: user.forPartnerUuid } : undefined,
  };
}

/** GET /v1/oidc/userinfo body (reference §1.6): standard claims, consent decides which. */
export function oidcUserInfoView(user: EmulatorUser): JsonObject {
  const agreed = (...items: string[]) => items.some((item) => user.agreedScopes.includes(item));
  const year = agreed('birthyear') ? user.birthyear : undefined;
  const day = agreed('birthday') ? user.birthday : undefined;
  const birthdate = day ? `${year ?? '0000'}-${day.slice(0, 2)}-${day.slice(2, 4)}` : year;
  const email = agreed('account_email') ? user.email : undefined;
  const phone = agreed('phone_number') ? user.phoneNumber : undefined;
  return {
    sub: user.id,
    name: agreed('name') ? user.name : undefined,
    nickname: agreed('profile_nickname', 'profile') ? user.nickname : undefined,
    picture: agreed('profile_image', 'profile') ? user.thumbnailImageURL : undefined,
    email,
    email_verified: email !== undefined ? user.isEmailValid && user.isEmailVerified : undefined,
    gender: agreed('gender') ? user.gender : undefined,
    birthdate,
    phone_number: phone,
    phone_number_verified: phone !== undefined ? true : undefined,
  };
}
