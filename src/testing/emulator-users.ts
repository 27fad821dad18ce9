/** A shipping address as stored in a Kakao Account (reference §1.4 "Shipping address"). */
export interface EmulatorShippingAddress {
  id: number;
  name?: string;
  isDefault: boolean;
  /** Unix seconds. */
  updatedAt: number;
  type: 'NEW' | 'OLD';
  baseAddress: string;
  detailAddress: string;
  receiverName: string;
  receiverPhoneNumber1: string;
  receiverPhoneNumber2?: string;
  zoneNumber?: string;
  zipCode?: string;
}

/** A service-terms consent the user gave (Kakao Sync). */
export interface EmulatorAgreedServiceTerm {
  tag: string;
  /** RFC 3339 UTC. */
  agreedAt: string;
  agreedBy: 'KAUTH' | 'KAPI';
}

/** A Kakao Account in the emulator. The object is live: tests may read and change it. */
export interface EmulatorUser {
  /** Kakao user id (Long on the wire), kept as a string so 19-digit ids stay exact. */
  id: string;
  nickname?: string;
  profileImageURL?: string;
  thumbnailImageURL?: string;
  isDefaultImage: boolean;
  isDefaultNickname: boolean;
  email?: string;
  /** false = the email is now used by another Kakao Account. */
  isEmailValid: boolean;
  isEmailVerified: boolean;
  name?: string;
  gender?: 'female' | 'male';
  /** Kakao's tilde style: '20~29'. */
  ageRange?: string;
  /** YYYY */
  birthyear?: string;
  /** MMDD */
  birthday?: string;
  birthdayType?: 'SOLAR' | 'LUNAR';
  isLeapMonth?: boolean;
  /** '+82 10-1234-5678' */
  phoneNumber?: string;
  ci?: string;
  ciAuthenticatedAt?: string;
  /** Linked (connected) to the app. */
  linked: boolean;
  /** Only meaningful when the app has auto-link disabled: manual signup done. */
  hasSignedUp: boolean;
  /** Consent items the user has agreed to for this app. */
  agreedScopes: string[];
  agreedServiceTerms: EmulatorAgreedServiceTerm[];
  /** RFC 3339 UTC, set when the user first links. */
  connectedAt?: string;
  /** RFC 3339 UTC (Kakao Sync). */
  synchedAt?: string;
  /** Custom user properties (`properties` in /v2/user/me). */
  properties: Record<string, string>;
  shippingAddresses: EmulatorShippingAddress[];
  /** `for_partner.uuid`, when set. */
  forPartnerUuid?: string;
}

/** What a test passes to create a user; everything but the data it cares about is optional. */
export type EmulatorUserInit = Partial<Omit<EmulatorUser, 'agreedServiceTerms'>> & {
  /** Service-terms tags already agreed (agreed at connectedAt, by KAUTH). */
  agreedServiceTerms?: Array<string | EmulatorAgreedServiceTerm>;
};

let generatedIdCounter = 4100000000;

/** Fills in defaults; a linked user without agreedScopes has agreed to nickname, image and email. */
export function createEmulatorUser(init: EmulatorUserInit, nowMs: number): EmulatorUser {
  const linked = init.linked ?? true;
  const connectedAt = init.connectedAt ?? (linked ? rfc3339(nowMs - 30 * 86400_000) : undefined);
  const id = init.id ?? String(generatedIdCounter++);
  if (!/^[1-9]\d{0,18}$/.test(id)) throw new TypeError(`User id must be a Long in digits: ${id}`);
  const defaultScopes = [
    'profile_nickname',
    'profile_image',
    ...(init.email ? ['account_email'] : []),
  ];
  return {
    ...init,
    id,
    isDefaultImage: init.isDefaultImage ?? false,
    isDefaultNickname: init.isDefaultNickname ?? false,
    isEmailValid: init.isEmailValid ?? true,
    isEmailVerified: init.isEmailVerified ?? true,
    linked,
    hasSignedUp: init.hasSignedUp ?? linked,
    agreedScopes: [...(init.agreedScopes ?? (linked ? defaultScopes : []))],
    agreedServiceTerms: (init.agreedServiceTerms ?? []).map((term) =>
      typeof term === 'string'
        ? { tag: term, agreedAt: connectedAt ?? rfc3339(nowMs), agreedBy: 'KAUTH' }
        : { ...term },
    ),
    connectedAt,
    properties: { ...(init.properties ?? {}) },
    shippingAddresses: (init.shippingAddresses ?? []).map((address) => ({ ...address })),
  };
}

/** RFC 3339 UTC without milliseconds, as Kakao writes connected_at. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const CDN = 'http://k.kakaocdn.net/dn';

function images(key: string): Pick<EmulatorUser, 'profileImageURL' | 'thumbnailImageURL'> {
  return {
    profileImageURL: `${CDN}/${key}/img_640x640.jpg`,
    thumbnailImageURL: `${CDN}/${key}/img_110x110.jpg`,
  };
}

/**
 * The default Korean test users. The first is an ordinary fully-consented user; each other one
 * carries one of the cases apps get wrong: a 19-digit id, no email, an email that is no longer
 * valid, an unverified email, a user who has never linked the app.
 */
export const DEFAULT_USERS: readonly EmulatorUserInit[] = [
  {
    id: '4012345678',
    nickname: '김민준',
    ...images('bZx1Tq/btsA0kDf3mN/emulator1'),
    email: 'minjun.kim@example.com',
    name: '김민준',
    gender: 'male',
    ageRange: '30~39',
    birthyear: '1991',
    birthday: '0415',
    birthdayType: 'SOLAR',
    isLeapMonth: false,
    phoneNumber: '+82 10-2345-6789',
    agreedScopes: [
      'profile_nickname',
      'profile_image',
      'account_email',
      'name',
      'gender',
      'age_range',
      'birthday',
      'birthyear',
      'phone_number',
      'shipping_address',
    ],
    shippingAddresses: [
      {
        id: 5001,
        name: '집',
        isDefault: true,
        updatedAt: 1700000000,
        type: 'NEW',
        baseAddress: '서울특별시 강남구 테헤란로 152',
        detailAddress: '101동 1203호',
        receiverName: '김민준',
        receiverPhoneNumber1: '010-2345-6789',
        zoneNumber: '06236',
      },
      {
        id: 5002,
        name: '회사',
        isDefault: false,
        updatedAt: 1710000000,
        type: 'NEW',
        baseAddress: '경기도 성남시 분당구 판교역로 166',
        detailAddress: '카카오 판교 아지트',
        receiverName: '김민준',
        receiverPhoneNumber1: '010-2345-6789',
        receiverPhoneNumber2: '031-123-4567',
        zoneNumber: '13529',
      },
    ],
  },
  {
    id: '1376016924426111111',
    nickname: '이서연',
    ...images('cQw2Lp/btsB1nE4pO/emulator2'),
    email: 'seoyeon.lee@example.com',
    gender: 'female',
    ageRange: '20~29',
    birthday: '1103',
    birthdayType: 'LUNAR',
    isLeapMonth: false,
  },
  {
    id: '4023456789',
    nickname: '박지호',
    profileImageURL:
      'http://img1.kakaocdn.net/thumb/R640x640.q70/?fname=http://t1.kakaocdn.net/account_images/default_profile.jpeg',
    thumbnailImageURL:
      'http://img1.kakaocdn.net/thumb/R110x110.q70/?fname=http://t1.kakaocdn.net/account_images/default_profile.jpeg',
    isDefaultImage: true,
    gender: 'male',
    ageRange: '40~49',
  },
  {
    id: '4034567890',
    nickname: '최예린',
    ...images('dRe3Mq/btsC2oF5qP/emulator4'),
    email: 'yerin.choi@example.com',
    isEmailValid: false,
    ageRange: '20~29',
  },
  {
    id: '4045678901',
    nickname: '정하늘',
    ...images('eSf4Nr/btsD3pG6rQ/emulator5'),
    email: 'haneul.jung@example.com',
    isEmailVerified: false,
    phoneNumber: '+82 10-9876-5432',
  },
  {
    id: '4056789012',
    nickname: '윤도현',
    ...images('fTg5Os/btsE4qH7sR/emulator6'),
    email: 'dohyun.yoon@example.com',
    name: '윤도현',
    gender: 'male',
    ageRange: '30~39',
    birthyear: '1988',
    birthday: '0721',
    birthdayType: 'SOLAR',
    phoneNumber: '+82 10-5555-1234',
    linked: false,
  },
];
