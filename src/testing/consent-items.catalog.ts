/**
 * Kakao consent items (scope ids) the emulator knows, with the Korean labels Kakao shows on its
 * consent screen and the `type` reported by GET /v2/user/scopes (reference §1.3, §1.4).
 */
export interface ConsentItemInfo {
  readonly id: string;
  readonly displayName: string;
  readonly type: 'PRIVACY' | 'SERVICE';
}

const ITEMS: readonly ConsentItemInfo[] = [
  { id: 'profile', displayName: '프로필 정보(닉네임/프로필 사진)', type: 'PRIVACY' },
  { id: 'profile_nickname', displayName: '닉네임', type: 'PRIVACY' },
  { id: 'profile_image', displayName: '프로필 사진', type: 'PRIVACY' },
  { id: 'account_email', displayName: '카카오계정(이메일)', type: 'PRIVACY' },
  { id: 'name', displayName: '이름', type: 'PRIVACY' },
  { id: 'gender', displayName: '성별', type: 'PRIVACY' },
  { id: 'age_range', displayName: '연령대', type: 'PRIVACY' },
  { id: 'birthday', displayName: '생일', type: 'PRIVACY' },
  { id: 'birthyear', displayName: '출생 연도', type: 'PRIVACY' },
  { id: 'phone_number', displayName: '카카오계정(전화번호)', type: 'PRIVACY' },
  { id: 'account_ci', displayName: 'CI(연계정보)', type: 'PRIVACY' },
  {
    id: 'shipping_address',
    displayName: '배송지정보(수령인명, 배송지 주소, 전화번호)',
    type: 'PRIVACY',
  },
  { id: 'talk_message', displayName: '카카오톡 메시지 전송', type: 'SERVICE' },
  { id: 'friends', displayName: '카카오 서비스 내 친구목록', type: 'SERVICE' },
  { id: 'plusfriends', displayName: '카카오톡 채널 추가 상태 및 내역', type: 'SERVICE' },
];

const BY_ID = new Map(ITEMS.map((item) => [item.id, item]));

/** The consent item's label and type; unknown ids get their id as label. */
export function consentItemInfo(id: string): ConsentItemInfo {
  return BY_ID.get(id) ?? { id, displayName: id, type: 'PRIVACY' };
}

/** Items a new app has configured in the emulator unless `consentItems` says otherwise. */
export const DEFAULT_CONSENT_ITEMS: readonly string[] = [
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
];

/** Items set as [필수 동의]: always requested at first login and not revocable. */
export const DEFAULT_REQUIRED_CONSENT_ITEMS: readonly string[] = ['profile_nickname'];
