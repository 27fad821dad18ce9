import { consentItemInfo } from './consent-items.catalog';
import type { AuthorizeTransaction } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import { escapeHtml, renderPage } from './emulator-page.layout';

export { escapeHtml, PAGE_HEADERS } from './emulator-page.layout';

export const DECISION_PATH = '/oauth/authorize/decision';

function userDetail(user: EmulatorUser): string {
  const contact = user.email ?? user.phoneNumber ?? '이메일 없음';
  const status = user.linked ? '연결됨' : '처음 로그인';
  return `${escapeHtml(contact)} · ${status} · ${escapeHtml(user.id)}`;
}

function userRow(user: EmulatorUser, checked: boolean): string {
  const id = escapeHtml(user.id);
  return `<label for="user-${id}"><input type="radio" name="user_id" id="user-${id}" data-testid="user-${id}" value="${id}"${checked ? ' checked' : ''}>
<span class="text">${escapeHtml(user.nickname ?? user.id)} <span class="sub">${userDetail(user)}</span></span></label>`;
}

function checkboxRow(name: string, value: string, label: string, required: boolean): string {
  const testId = `${name === 'scope' ? 'scope' : 'term'}-${escapeHtml(value)}`;
  const box = required
    ? `<input type="checkbox" checked disabled data-testid="${testId}"><input type="hidden" name="${name}" value="${escapeHtml(value)}">`
    : `<input type="checkbox" name="${name}" value="${escapeHtml(value)}" checked data-testid="${testId}">`;
  const tag = required ? '<span class="req">[필수]</span>' : '<span class="opt">[선택]</span>';
  return `<label>${box}${tag}<span class="text">${escapeHtml(label)}</span></label>`;
}

export interface ConsentPageModel {
  transaction: AuthorizeTransaction;
  users: EmulatorUser[];
  selectedUserId: string | undefined;
  /**
   * The Kakao Account the browser is already logged in with: no account picker then, as on
   * Kakao, which asks a logged-in user only for consent.
   */
  account?: EmulatorUser;
  requiredScopes: string[];
  requiredTerms: string[];
  appName: string;
}

function accountSection(model: ConsentPageModel): string {
  const { account, transaction } = model;
  if (account) {
    return `<section data-testid="account"><h2>카카오계정 <span class="inline-en">Kakao Account</span></h2>
<input type="hidden" name="user_id" value="${escapeHtml(account.id)}">
<div class="account"><strong>${escapeHtml(account.nickname ?? account.id)}</strong><span class="sub">${userDetail(account)}</span></div>
</section>`;
  }
  const create = transaction.prompt.includes('create');
  const accounts = model.users
    .map((user) => userRow(user, !create && user.id === model.selectedUserId))
    .join('\n');
  const newAccount = create
    ? `<label for="user-new"><input type="radio" name="user_id" id="user-new" data-testid="user-new" value="new" checked><span class="text">새 카카오계정 만들기 <span class="sub">Create a new Kakao Account</span></span></label>`
    : '';
  return `<section data-testid="accounts"><h2>카카오계정 선택 <span class="inline-en">Choose a Kakao Account</span></h2>
${newAccount}${accounts}
</section>`;
}

/**
 * The consent screen: the Kakao Account (picked here unless already logged in), the consent
 * items and service terms to agree to, then accept or cancel. Accept is the form's first submit
 * button, so Enter in the form accepts, as on Kakao.
 */
export function renderConsentPage(model: ConsentPageModel): string {
  const { transaction } = model;
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
  const additional = transaction.additionalConsent && model.account !== undefined;
  const app = escapeHtml(model.appName);
  const intro = additional
    ? `${app} 서비스가 추가 정보 제공 동의를 요청합니다.<span class="en">${app} asks for additional consent.</span>`
    : `${app} 서비스 이용을 위해 아래 정보 제공에 동의해 주세요.<span class="en">${app} asks for your consent to the items below.</span>`;
  return renderPage(
    '카카오 로그인 (emulator)',
    `<header>kakao <span class="inline-en">KakaoEmulator</span><small data-testid="${additional ? 'additional-consent' : 'consent-intro'}">${intro}</small></header>
<form method="post" action="${DECISION_PATH}" id="consent-form" data-testid="consent-form">
<input type="hidden" name="transaction_id" value="${escapeHtml(transaction.id)}">
${accountSection(model)}
<section data-testid="consent-items"><h2>${additional ? '추가 제공 항목' : '제공 항목'} <span class="inline-en">${additional ? 'Additional items' : 'Items shared'}</span></h2>
${scopes || '<p class="sub">추가로 동의할 항목이 없습니다. <span class="inline-en">Nothing new to agree to.</span></p>'}
${transaction.openid ? '<p class="sub">OpenID Connect ID 토큰이 함께 발급됩니다.<span class="en">An OpenID Connect id_token is issued too.</span></p>' : ''}
</section>
${terms ? `<section data-testid="service-terms"><h2>서비스 약관 <span class="inline-en">Service terms</span></h2>\n${terms}\n</section>` : ''}
<div class="actions">
<button type="submit" name="action" value="accept" id="accept" data-testid="accept">동의하고 계속하기<span class="en">Accept and continue</span></button>
<button type="submit" name="action" value="cancel" id="cancel" data-testid="cancel">취소<span class="en">Cancel</span></button>
</div>
</form>`,
  );
}
