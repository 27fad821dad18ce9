import { badRequestPage } from './emulator-error-page.html';
import type { EmulatorRequest, Reply } from './emulator-http';
import type { EmulatorState } from './emulator-state';
import { pinnedAccounts } from './kauth-account.session';
import { approve, redirectError } from './kauth-authorize.outcome';
import { CODE_LIFETIME_MS } from './token.store';

/** A transaction of the consent page lives as long as the code it would produce. */
const TRANSACTION_LIFETIME_MS = CODE_LIFETIME_MS;

/** POST of the consent page (Accept / Cancel): links the chosen user and answers the app. */
export function decide(state: EmulatorState, request: EmulatorRequest): Reply {
  const form = new URLSearchParams(request.body);
  const txn = state.transactions.get(form.get('transaction_id') ?? '');
  if (txn) state.transactions.delete(txn.id);
  if (!txn || state.now() - txn.createdAt > TRANSACTION_LIFETIME_MS) {
    return badRequestPage([
      '이 동의 화면은 만료되었거나 이미 사용되었습니다. 앱에서 로그인을 다시 시작하세요.',
      'This consent screen has expired or was already used. Start the login again from the app.',
    ]);
  }
  if (form.get('action') !== 'accept') {
    return redirectError(txn, 'access_denied', 'User denied access');
  }
  const pinned = pinnedAccounts.get(txn);
  const userId = pinned?.userId ?? form.get('user_id');
  const user =
    userId === 'new'
      ? state.addUser({ nickname: '새 사용자', linked: false })
      : state.user(userId ?? '');
  if (!user) {
    return badRequestPage(['카카오계정을 선택하세요.', 'Choose a Kakao Account.']);
  }
  const shown = txn.additionalConsent ? txn.requestedScopes : state.options.consentItems;
  const required = user.linked ? [] : state.options.requiredConsentItems;
  const scopes = shown.filter(
    (scope) => form.getAll('scope').includes(scope) || required.includes(scope),
  );
  const requiredTerms = user.linked
    ? []
    : state.options.serviceTerms.filter((t) => t.required).map((t) => t.tag);
  const knownTags = state.options.serviceTerms.map((term) => term.tag);
  const terms = [...new Set([...form.getAll('service_terms'), ...requiredTerms])].filter((tag) =>
    knownTags.includes(tag),
  );
  state.link(user, scopes, terms);
  const session = pinned && state.sessions.get(pinned.id) === pinned ? pinned : undefined;
  return approve(state, txn, user, session ?? state.newSession(user.id));
}
