import { KAKAO_BUTTON_CSS, kakaoLoginButton } from './kakao-login-button.html';

/**
 * The server-rendered pages both samples share (home, profile), so the NestJS and the Express
 * sample look and behave the same. Plain template strings: no view engine to install.
 */

/** Which sample is running and against which Kakao, shown in the page header. */
export interface SampleInfo {
  framework: 'NestJS' | 'Express';
  /** `emulator` when the sample runs on the local KakaoEmulator. */
  kakao: 'emulator' | 'kakao';
}

/** The sample's own URLs (the two samples mount their routes differently). */
export interface SampleLinks {
  login: string;
  /** Login asking for one more consent item (additional consent). */
  consent(scope: string): string;
  logout: string;
  accountLogout: string;
  unlink: string;
  profile: string;
}

/** What the profile page shows: a few normalized profile fields and the consent state. */
export interface ProfileView {
  id: string;
  nickname?: string;
  profileImageURL?: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  gender?: 'female' | 'male';
  ageRange?: string;
  connectedAt?: string;
  missingConsents: string[];
}

/** Messages on the home page: a failed login (`reason`) or how the session ended. */
export interface HomeNotice {
  failure?: string;
  signedOut?: 'app' | 'kakao' | 'unlinked';
}

const FAILURES: Record<string, [ko: string, en: string]> = {
  access_denied: ['카카오 로그인을 취소했습니다.', 'You cancelled the Kakao login.'],
  consent_required: ['카카오에서 동의가 필요합니다.', 'Kakao needs your consent first.'],
  login_required: ['카카오계정 로그인이 필요합니다.', 'Log in to your Kakao account first.'],
  invalid_request: ['잘못된 로그인 요청입니다.', 'The login request was not valid.'],
  invalid_state: [
    '로그인 요청이 만료되었거나 올바르지 않습니다. 다시 시도해 주세요.',
    'The login request expired or was tampered with. Please try again.',
  ],
  invalid_id_token: ['ID 토큰을 확인할 수 없습니다.', 'The id_token could not be verified.'],
  user_rejected: ['이 서비스가 로그인을 허용하지 않았습니다.', 'The app refused this login.'],
  rate_limited: [
    '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
    'Too many requests; try again shortly.',
  ],
  kakao_unavailable: ['카카오 서버에 연결할 수 없습니다.', 'Kakao could not be reached.'],
  kakao_error: ['카카오에서 오류가 발생했습니다.', 'Kakao answered with an error.'],
  server_error: ['서버에서 오류가 발생했습니다.', 'Something went wrong on our side.'],
};

const CONSENT_ITEMS: Record<string, string> = {
  profile_nickname: '닉네임',
  profile_image: '프로필 사진',
  account_email: '카카오계정(이메일)',
  name: '이름',
  gender: '성별',
  age_range: '연령대',
  birthday: '생일',
  birthyear: '출생 연도',
  phone_number: '카카오계정(전화번호)',
  shipping_address: '배송지 정보',
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:48px 12px 0;min-height:100vh;word-break:keep-all;overflow-wrap:break-word;background:#f4f4f1;color:#191919;font:15px/1.55 -apple-system,BlinkMacSystemFont,'Apple SD Gothic Neo','Pretendard','Noto Sans KR','Malgun Gothic','NanumGothic',sans-serif}
main{max-width:460px;margin:0 auto 16px;background:#fff;border-radius:20px;box-shadow:0 1px 2px rgba(0,0,0,.04),0 8px 28px rgba(0,0,0,.07);overflow:hidden}
.top{display:flex;justify-content:space-between;align-items:center;padding:14px 24px;border-bottom:1px solid #f0f0ec;font-size:13px}
.brand{font-weight:700;letter-spacing:-.2px}
.tag{display:inline-block;margin-left:6px;padding:2px 8px;border-radius:999px;background:#f1f1ee;color:#555;font-size:12px}
.tag.emulator{background:#fff6b3;color:#5c4b00}
.body{padding:28px 24px 24px}
h1{margin:0;font-size:22px;letter-spacing:-.4px}
h2{margin:0 0 8px;font-size:14px;color:#333}
p{margin:6px 0}
.en{color:#8a8a85;font-size:.86em;font-weight:400}
.muted{color:#6b6b66;font-size:13px}
.stack>*+*{margin-top:16px}
.notice{padding:12px 14px;border-radius:12px;background:#f4f4f1;font-size:14px}
.notice.error{background:#fdecea;color:#8a1c12}
.notice code{font-size:12px;background:rgba(0,0,0,.06);padding:1px 6px;border-radius:6px}
.who{display:flex;gap:16px;align-items:center}
.avatar{position:relative;flex:none;width:64px;height:64px;border-radius:50%;background:#FEE500;display:grid;place-items:center;font-size:26px;font-weight:700;overflow:hidden}
.avatar .photo{position:absolute;inset:0;background-size:cover;background-position:center}
dl{margin:0;border-top:1px solid #f0f0ec}
dl div{display:flex;justify-content:space-between;gap:12px;padding:10px 0;border-bottom:1px solid #f0f0ec;font-size:14px}
dt{color:#6b6b66}
dd{margin:0;text-align:right;word-break:break-all}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.badge{display:inline-block;margin-left:6px;padding:1px 7px;border-radius:999px;font-size:11px;font-weight:600;vertical-align:1px}
.badge.ok{background:#e3f5e8;color:#1d6b35}
.badge.warn{background:#fff1d6;color:#8a5a00}
.chips{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.chips li{padding:3px 10px;border-radius:999px;background:#fff6b3;font-size:13px}
.ok-line{color:#1d6b35}
.btn{display:flex;flex-wrap:wrap;width:100%;align-items:center;justify-content:center;column-gap:6px;min-height:44px;padding:8px 14px;text-align:center;border:1px solid #e2e2dc;border-radius:12px;background:#fff;color:#191919;font:inherit;font-size:14px;font-weight:600;text-decoration:none;cursor:pointer}
.btn:hover{background:#fafaf7}
.btn.yellow{border-color:#FEE500;background:#FEE500;color:rgba(0,0,0,.85)}
.btn.yellow .en{color:rgba(0,0,0,.55)}
.btn.danger{color:#c0392b;border-color:#f3cfca}
.btn.danger:hover{background:#fdf3f1}
.actions{display:grid;gap:8px}
.actions form{margin:0}
@media (max-width:480px){body{padding-top:12px}.top,.body{padding-left:18px;padding-right:18px}}
footer{max-width:460px;margin:0 auto 40px;text-align:center;color:#8a8a85;font-size:12px}
${KAKAO_BUTTON_CSS}`;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Security headers for the sample's pages: no scripts at all, images from https only. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
};

function layout(title: string, info: SampleInfo, body: string): string {
  const kakao =
    info.kakao === 'emulator'
      ? '<span class="tag emulator" title="local Kakao emulator">KakaoEmulator</span>'
      : '<span class="tag">kauth.kakao.com</span>';
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · nestjs-kakao-auth</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="top"><span class="brand">nestjs-kakao-auth</span><span><span class="tag">${info.framework}</span>${kakao}</span></div>
<div class="body stack">
${body}
</div>
</main>
<footer>${info.framework} sample · <code>npm run sample${info.framework === 'Express' ? ':express' : ''}</code></footer>
</body>
</html>
`;
}

function failureNotice(reason: string): string {
  const [ko, en] = FAILURES[reason] ?? FAILURES.kakao_error;
  return `<div class="notice error" role="alert" data-testid="login-failed">
<strong>로그인하지 못했습니다</strong> <span class="en">Login failed</span>
<p>${ko} <span class="en">${en}</span></p>
<p class="muted">reason: <code data-testid="failure-reason">${escapeHtml(reason)}</code></p>
</div>`;
}

const SIGNED_OUT: Record<NonNullable<HomeNotice['signedOut']>, [string, string]> = {
  app: [
    '로그아웃되었습니다. 카카오계정은 로그인된 상태라 다음 로그인은 바로 진행될 수 있습니다.',
    'Signed out of this app. You are still logged in to Kakao, so the next login may skip the Kakao screen.',
  ],
  kakao: [
    '이 앱과 카카오계정에서 모두 로그아웃되었습니다.',
    'Signed out of this app and of your Kakao account.',
  ],
  unlinked: [
    '앱 연결을 끊었습니다. 다음 로그인 때 동의 화면이 다시 나타납니다.',
    'The app is unlinked from your Kakao account; the next login asks for consent again.',
  ],
};

/** The home page: the Kakao Login button, or a link to the profile when logged in. */
export function renderHome(
  info: SampleInfo,
  links: SampleLinks,
  notice: HomeNotice,
  nickname?: string,
): string {
  const parts = [`<div><h1>카카오 로그인 샘플</h1><p class="en">Kakao Login sample app</p></div>`];
  if (notice.failure) parts.push(failureNotice(notice.failure));
  if (notice.signedOut) {
    const [ko, en] = SIGNED_OUT[notice.signedOut];
    parts.push(
      `<div class="notice" data-testid="signed-out">${ko} <span class="en">${en}</span></div>`,
    );
  }
  if (nickname !== undefined) {
    parts.push(
      `<p><strong>${escapeHtml(nickname)}</strong>님으로 로그인되어 있습니다. <span class="en">You are logged in.</span></p>`,
      `<a class="btn yellow" href="${links.profile}" data-testid="go-profile">내 프로필 보기 <span class="en">Profile</span></a>`,
    );
  } else {
    parts.push(kakaoLoginButton(links.login));
    parts.push(
      info.kakao === 'emulator'
        ? `<p class="muted">로컬 카카오 에뮬레이터에서 실행 중입니다. 카카오 화면에서 테스트 사용자를 골라 주세요. <span class="en">Running on the local KakaoEmulator: pick any test user on the Kakao screen. No Kakao account or network needed.</span></p>`
        : `<p class="muted">카카오 계정으로 로그인합니다. <span class="en">Logs in with your Kakao account.</span></p>`,
    );
  }
  return layout('카카오 로그인 샘플', info, parts.join('\n'));
}

function emailCell(user: ProfileView): string {
  if (user.email === undefined) {
    return user.missingConsents.includes('account_email')
      ? '<span class="muted">동의하지 않음 · not shared</span>'
      : '<span class="muted">없음 · none</span>';
  }
  const badge = user.emailVerified
    ? '<span class="badge ok">인증됨 verified</span>'
    : '<span class="badge warn" title="is_email_valid && is_email_verified is false: never link accounts by this address">미인증 unverified</span>';
  return `${escapeHtml(user.email)}${badge}`;
}

/** An http(s) URL made safe inside CSS `url('…')`, or undefined. */
function cssURL(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.href.replace(/['()\\]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  } catch {
    return undefined;
  }
}

function row(ko: string, en: string, value: string, testId?: string): string {
  const id = testId ? ` data-testid="${testId}"` : '';
  return `<div><dt>${ko} <span class="en">${en}</span></dt><dd${id}>${value}</dd></div>`;
}

function consentSection(user: ProfileView, links: SampleLinks): string {
  const missing = user.missingConsents;
  const state = missing.length
    ? `<p>아직 동의하지 않은 항목 <span class="en">Not agreed yet</span></p>
<ul class="chips">${missing
        .map((s) => `<li>${escapeHtml(CONSENT_ITEMS[s] ?? s)} <code>${escapeHtml(s)}</code></li>`)
        .join('')}</ul>`
    : `<p class="ok-line">요청한 항목에 모두 동의했습니다. <span class="en">Every consent item asked for is agreed.</span></p>`;
  const askEmail = missing.includes('account_email')
    ? `<a class="btn yellow" href="${links.consent('account_email')}" data-testid="consent-email">이메일 제공 추가 동의 <span class="en">Ask for email</span></a>`
    : '';
  return `<section data-testid="consent-state"><h2>동의 상태 <span class="en">Consent</span></h2>
${state}
</section>${askEmail}`;
}

/** The profile page: the normalized profile, the consent state and the account actions. */
export function renderProfile(info: SampleInfo, links: SampleLinks, user: ProfileView): string {
  const nickname = user.nickname ?? '(닉네임 없음)';
  const image = cssURL(user.profileImageURL);
  // A background image: when it cannot load, the initial behind it shows instead of a broken icon.
  const photo = image
    ? `<div class="photo" style="background-image:url('${escapeHtml(image)}')"></div>`
    : '';
  const rows = [
    row('카카오 회원번호', 'Kakao id', `<code>${escapeHtml(user.id)}</code>`, 'kakao-id'),
    row('이메일', 'Email', emailCell(user), 'email'),
  ];
  if (user.name) rows.push(row('이름', 'Name', escapeHtml(user.name)));
  if (user.gender)
    rows.push(row('성별', 'Gender', user.gender === 'female' ? '여성 female' : '남성 male'));
  if (user.ageRange) rows.push(row('연령대', 'Age range', escapeHtml(user.ageRange)));
  if (user.connectedAt)
    rows.push(
      row(
        '연결 시각',
        'Connected',
        escapeHtml(user.connectedAt.replace('T', ' ').replace(/Z$/, ' UTC')),
      ),
    );
  const form = (action: string, testId: string, label: string, en: string, cls = '') =>
    `<form method="post" action="${action}"><button class="btn${cls}" type="submit" data-testid="${testId}">${label} <span class="en">${en}</span></button></form>`;
  return layout(
    `${nickname} 프로필`,
    info,
    `<section class="who">
<div class="avatar" aria-hidden="true">${escapeHtml([...nickname][0] ?? '?')}${photo}</div>
<div><h1 data-testid="nickname">${escapeHtml(nickname)}</h1><p class="muted">카카오로 로그인했습니다 · logged in with Kakao</p></div>
</section>
<dl>${rows.join('')}</dl>
${consentSection(user, links)}
<section class="actions" data-testid="actions">
${form(links.logout, 'logout', '로그아웃', 'Log out')}
${form(links.accountLogout, 'account-logout', '카카오계정과 함께 로그아웃', 'Log out of Kakao too')}
${form(links.unlink, 'unlink', '연결 끊기', 'Unlink app', ' danger')}
</section>`,
  );
}
