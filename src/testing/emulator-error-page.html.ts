import { htmlReply, type Reply } from './emulator-http';
import { escapeHtml, PAGE_HEADERS, renderPage } from './emulator-page.layout';

/** Kakao's troubleshooting page, which explains every KOE code (reference [KTS]). */
export const KAKAO_TROUBLESHOOTING_URL =
  'https://developers.kakao.com/docs/latest/ko/kakaologin/trouble-shooting';

/** Korean first, English second: every line of an emulator page comes as such a pair. */
type Bilingual = readonly [ko: string, en: string];

/** What Kakao shows on its own error page instead of redirecting (KOE006, KOE101, KOE205, …). */
export interface EmulatorErrorPage {
  status: number;
  code: string;
  title: Bilingual;
  detail: Bilingual;
  /** How to fix it, in the Kakao console and in the emulator's options. */
  fix?: Bilingual;
  /** The refused value, shown as code so it can be compared with the registered list. */
  refused?: { title: Bilingual; value: string };
  /** A registered list worth seeing next to the refused value (KOE006, KOE007). */
  registered?: { title: Bilingual; values: readonly string[] | undefined };
}

const pair = ([ko, en]: Bilingual, tag = 'p', testId?: string) =>
  `<${tag}${testId ? ` data-testid="${testId}"` : ''}>${ko}<span class="en">${en}</span></${tag}>`;

function registeredList(registered: NonNullable<EmulatorErrorPage['registered']>): string {
  const items = registered.values?.length
    ? `<ul data-testid="registered-uris">${registered.values
        .map((value) => `<li><code>${escapeHtml(value)}</code></li>`)
        .join('')}</ul>`
    : `<p data-testid="registered-uris">${
        registered.values
          ? '등록된 URI가 없습니다.<span class="en">None is registered.</span>'
          : '목록이 설정되지 않아 절대 http(s) URI는 모두 허용됩니다.<span class="en">No list is set, so any absolute http(s) URI is accepted.</span>'
      }</p>`;
  return `${pair(registered.title, 'h2')}${items}`;
}

export function renderErrorPage(error: EmulatorErrorPage): string {
  const code = escapeHtml(error.code);
  return renderPage(
    `${error.title[0]} (${error.code})`,
    `<header>kakao <span class="inline-en">KakaoEmulator</span></header>
<div class="error">
<h1 data-testid="error-title">${escapeHtml(error.title[0])} (<span data-testid="error-code">${code}</span>)<span class="en">${escapeHtml(error.title[1])}</span></h1>
${pair([escapeHtml(error.detail[0]), escapeHtml(error.detail[1])], 'p', 'error-detail')}
${error.refused ? `${pair(error.refused.title, 'h2')}<p><code data-testid="refused-value">${escapeHtml(error.refused.value)}</code></p>` : ''}
${error.registered ? registeredList(error.registered) : ''}
${error.fix ? `<div class="fix" data-testid="error-fix">${pair([escapeHtml(error.fix[0]), escapeHtml(error.fix[1])])}</div>` : ''}
<p><a href="${KAKAO_TROUBLESHOOTING_URL}" data-testid="troubleshooting-link" rel="noreferrer">카카오 로그인 문제 해결: ${code}</a><span class="en">Kakao Login troubleshooting (Kakao Developers)</span></p>
</div>`,
  );
}

export function errorPageReply(error: EmulatorErrorPage): Reply {
  return htmlReply(error.status, renderErrorPage(error), PAGE_HEADERS);
}

export function badRequestPage(detail: Bilingual): Reply {
  return errorPageReply({
    status: 400,
    code: 'KOE001',
    title: ['잘못된 요청', 'Bad request'],
    detail,
  });
}

export function unknownClientPage(clientId: string | undefined): Reply {
  return errorPageReply({
    status: 401,
    code: 'KOE101',
    title: ['잘못된 앱 키', 'Invalid app key'],
    detail: [
      `client_id "${clientId ?? ''}"는 이 앱의 REST API 키가 아닙니다.`,
      `client_id "${clientId ?? ''}" is not the REST API key of this app.`,
    ],
    fix: [
      '[앱] > [플랫폼 키] > [REST API 키]의 값을 client_id로 보내세요. KakaoEmulator에서는 clientID 옵션의 값입니다.',
      'Send the key under [App] > [Platform Keys] > [REST API key] as client_id; on the KakaoEmulator it is the clientID option.',
    ],
  });
}

export function unregisteredRedirectPage(
  parameter: 'redirect_uri' | 'logout_redirect_uri',
  uri: string | undefined,
  registered: readonly string[] | undefined,
): Reply {
  const logout = parameter === 'logout_redirect_uri';
  const menu = logout
    ? '[카카오 로그인] > [로그아웃 리다이렉트 URI]'
    : '[카카오 로그인] > [Redirect URI]';
  const menuEn = logout
    ? '[Kakao Login] > [Logout Redirect URI]'
    : '[Kakao Login] > [Redirect URI]';
  const option = logout ? 'logoutRedirectURIs' : 'redirectURIs';
  return errorPageReply({
    status: 400,
    code: logout ? 'KOE007' : 'KOE006',
    title: ['앱 관리자 설정 오류', 'Admin Settings Issue'],
    detail: [
      `이 앱에 등록되지 않은 ${parameter}로 요청했습니다.`,
      `The ${parameter} of this request is not registered for this app.`,
    ],
    refused: { title: [`요청한 ${parameter}`, `${parameter} requested`], value: uri ?? '' },
    registered: {
      title: logout
        ? ['등록된 로그아웃 리다이렉트 URI', 'Registered logout redirect URIs']
        : ['등록된 Redirect URI', 'Registered redirect URIs'],
      values: registered,
    },
    fix: [
      `카카오 앱의 ${menu}에 글자 하나까지 똑같이 등록하세요 (http/https, localhost/127.0.0.1, 포트, 끝의 / 주의). KakaoEmulator에서는 ${option} 옵션에 추가합니다.`,
      `Register it character for character under ${menuEn} (mind http/https, localhost/127.0.0.1, the port, a trailing /); on the KakaoEmulator add it to the ${option} option.`,
    ],
  });
}

export function unconfiguredScopePage(items: readonly string[]): Reply {
  const list = items.join(', ');
  return errorPageReply({
    status: 400,
    code: 'KOE205',
    title: ['잘못된 요청', 'Bad request'],
    // Kakao's own wording of KOE205 (as quoted in supabase/supabase#36878).
    detail: [
      `설정하지 않은 카카오 로그인 동의 항목을 포함해 인가 코드를 요청했습니다. 설정하지 않은 동의 항목: ${list}`,
      `The authorize request asks for consent items this app has not configured: ${list}`,
    ],
    fix: [
      '[카카오 로그인] > [동의항목]에서 설정하거나 scope에서 빼세요 (openid는 [OpenID Connect] 활성화 필요). KakaoEmulator에서는 consentItems / oidc 옵션입니다.',
      'Configure them under [Kakao Login] > [Consent Items] or drop them from scope (openid needs [OpenID Connect] on); on the KakaoEmulator use the consentItems / oidc options.',
    ],
  });
}

export function emulatorFaultPage(detail: Bilingual): Reply {
  return errorPageReply({
    status: 500,
    code: 'KOE003',
    title: ['에뮬레이터 오류', 'Emulator error'],
    detail,
  });
}
