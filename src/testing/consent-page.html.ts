import { consentItemInfo } from './consent-items.catalog';
import type { AuthorizeTransaction } from './emulator-state';
import type { EmulatorUser } from './emulator-users';

export const DECISION_PATH = '/oauth/authorize/decision';

/** Headers for every emulator HTML page: never cached, never framed, no scripts. */
export const PAGE_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
body{margin:0;background:#f5f5f5;font-family:-apple-system,'Apple SD Gothic Neo','Malgun Gothic',sans-serif;color:#191919}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);overflow:hidden}
header{background:#FEE500;padding:18px 24px;font-weight:700}
header small{display:block;font-weight:400;font-size:12px;margin-top:4px}
section{padding:16px 24px;border-bottom:1px solid #eee}
h2{font-size:14px;margin:0 0 10px}
label{display:flex;gap:8px;align-items:center;padding:6px 0;font-size:14px}
.sub{color:#888;font-size:12px}
.req{color:#e65f3e;font-size:12px}
.actions{display:flex;gap:8px;padding:16px 24px}
button{flex:1;border:0;border-radius:6px;padding:12px;font-size:15px;cursor:pointer}
#accept{background:#FEE500;color:#191919;font-weight:700}
#cancel{background:#f0f0f0;color:#555}
.error{padding:24px}
.error code{background:#f0f0f0;padding:2px 6px;border-radius:4px}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>
`;
}

function userRow(user: EmulatorUser, checked: boolean): string {
  const detail = user.email ?? user.phoneNumber ?? '이메일 없음';
  const status = user.linked ? '연결됨' : '처음 로그인';
  return `<label for="user-${escapeHtml(user.id)}"><input type="radio" name="user_id" id="user-${escapeHtml(user.id)}" data-testid="user-${escapeHtml(user.id)}" value="${escapeHtml(user.id)}"${checked ? ' checked' : ''}>
<span>${escapeHtml(user.nickname ?? user.id)} <span class="sub">${escapeHtml(detail)} · ${status} · ${escapeHtml(user.id)}</span></span></label>`;
}

function checkboxRow(name: string, value: string, label: string, required: boolean): string {
  const testId = `${name === 'scope' ? 'scope' : 'term'}-${escapeHtml(value)}`;
  const box = required
    ? `<input type="checkbox" checked disabled data-testid="${testId}"><input type="hidden" name="${name}" value="${escapeHtml(value)}">`
    : `<input type="checkbox" name="${name}" value="${escapeHtml(value)}" checked data-testid="${testId}">`;
  const tag = required ? '<span class="req">[필수]</span>' : '<span class="sub">[선택]</span>';
  return `<label>${box}${tag} ${escapeHtml(label)}</label>`;
}

export interface ConsentPageModel {
  transaction: AuthorizeTransaction;
  users: EmulatorUser[];
  selectedUserId: string | undefined;
  requiredScopes: string[];
  requiredTerms: string[];
  appName: string;
}

/** The consent screen: pick a Kakao Account, review the consent items, accept or cancel. */
export function renderConsentPage(model: ConsentPageModel): string {
  const { transaction, users } = model;
  const create = transaction.prompt.includes('create');
  const accounts = users
    .map((user) => userRow(user, !create && user.id === model.selectedUserId))
    .join('\n');
  const newAccount = create
    ? `<label for="user-new"><input type="radio" name="user_id" id="user-new" data-testid="user-new" value="new" checked><span>새 카카오계정 만들기</span></label>`
    : '';
  const scopes = transaction.requestedScopes
    .map((scope) =>
      checkboxRow(
        'scope',
        scope,
        consentItemInfo(scope).displayName,
        model.requiredScopes.includes(scope),
      ),
    )
    .join('\n');
  const terms = transaction.serviceTerms
    .map((tag) => checkboxRow('service_terms', tag, tag, model.requiredTerms.includes(tag)))
    .join('\n');
  return page(
    '카카오 로그인 (emulator)',
    `<header>kakao <small>${escapeHtml(model.appName)} 서비스 이용을 위해 아래 정보 제공에 동의해 주세요. (KakaoEmulator)</small></header>
<form method="post" action="${DECISION_PATH}" id="consent-form" data-testid="consent-form">
<input type="hidden" name="transaction_id" value="${escapeHtml(transaction.id)}">
<section data-testid="accounts"><h2>카카오계정 선택</h2>
${newAccount}${accounts}
</section>
<section data-testid="consent-items"><h2>제공 항목</h2>
${scopes || '<p class="sub">추가로 동의할 항목이 없습니다.</p>'}
${transaction.openid ? '<p class="sub">OpenID Connect ID 토큰이 함께 발급됩니다.</p>' : ''}
</section>
${terms ? `<section data-testid="service-terms"><h2>서비스 약관</h2>\n${terms}\n</section>` : ''}
<div class="actions">
<button type="submit" name="action" value="cancel" id="cancel" data-testid="cancel">취소</button>
<button type="submit" name="action" value="accept" id="accept" data-testid="accept">동의하고 계속하기</button>
</div>
</form>`,
  );
}

/** Kakao's own error page for configuration errors it will not redirect (KOE006, KOE101, …). */
export function renderErrorPage(errorCode: string, title: string, detail: string): string {
  return page(
    `${title} (${errorCode})`,
    `<header>kakao</header>
<div class="error"><h1 data-testid="error-title">${escapeHtml(title)} (<span data-testid="error-code">${escapeHtml(errorCode)}</span>)</h1>
<p data-testid="error-detail">${escapeHtml(detail)}</p>
<p class="sub">KakaoEmulator — see the Kakao Login troubleshooting page for <code>${escapeHtml(errorCode)}</code>.</p></div>`,
  );
}
