import { PAGE_HEADERS, renderConsentPage } from './consent-page.html';
import { emulatorFaultPage } from './emulator-error-page.html';
import { htmlReply, type EmulatorRequest, type Reply } from './emulator-http';
import type { AuthorizeTransaction, EmulatorState } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import { currentSession, pinnedAccounts } from './kauth-account.session';
import { approve, redirectError } from './kauth-authorize.outcome';
import { parseAuthorize } from './kauth-authorize.request';
import { needsConsent, scopesToAsk, termsToAsk } from './kauth-consent.rules';

/**
 * The user an auto-approving emulator logs in: a new one for `prompt=create`, else the
 * configured `autoApprove` user, the `login_hint` one, or the first.
 */
function autoApproveUser(
  state: EmulatorState,
  txn: AuthorizeTransaction,
): EmulatorUser | undefined {
  if (txn.prompt.includes('create')) {
    return state.addUser({ nickname: '새 사용자', linked: false });
  }
  if (typeof state.autoApprove === 'string') return state.user(state.autoApprove);
  return state.userByLoginHint(txn.loginHint) ?? state.users[0];
}

/**
 * GET /oauth/authorize: straight back to the app with a code (auto-approve, `prompt=none`, or a
 * logged-in browser with nothing new to agree to), or the consent page.
 */
export function authorize(state: EmulatorState, request: EmulatorRequest): Reply {
  const parsed = parseAuthorize(state, request);
  if ('status' in parsed) return parsed;
  const txn = parsed;
  const session = currentSession(state, request);
  const auto = state.autoApprove !== false;

  if (txn.prompt.includes('none')) {
    const user = session
      ? state.user(session.userId)
      : auto
        ? autoApproveUser(state, { ...txn, prompt: [] })
        : undefined;
    if (!user) return redirectError(txn, 'login_required', 'user authentication required.');
    if (needsConsent(state, user, txn)) {
      return redirectError(txn, 'consent_required', 'user consent required.');
    }
    return approve(state, txn, user, session ?? state.newSession(user.id));
  }

  if (auto) {
    const user = autoApproveUser(state, txn);
    if (!user) {
      return emulatorFaultPage([
        `autoApprove 사용자 ${String(state.autoApprove)}가 없습니다.`,
        `autoApprove user ${String(state.autoApprove)} does not exist.`,
      ]);
    }
    state.link(
      user,
      scopesToAsk(state, user, txn.requestedScopes),
      termsToAsk(state, user, txn.serviceTerms),
    );
    const reuse = session?.userId === user.id && !txn.prompt.includes('login');
    return approve(state, txn, user, reuse && session ? session : state.newSession(user.id));
  }

  // A logged-in browser with nothing new to agree to goes straight back, as on Kakao.
  const interactive = ['login', 'select_account', 'create'].some((p) => txn.prompt.includes(p));
  const sessionUser = session ? state.user(session.userId) : undefined;
  if (session && sessionUser && !interactive && !needsConsent(state, sessionUser, txn)) {
    return approve(state, txn, sessionUser, session);
  }

  state.transactions.set(txn.id, txn);
  // Logged in at Kakao and not asked to log in again: Kakao asks only for what is new.
  const account = session && sessionUser && !interactive ? sessionUser : undefined;
  if (account && session) pinnedAccounts.set(txn, session);
  const selected = state.userByLoginHint(txn.loginHint) ?? sessionUser ?? state.users[0];
  const shownScopes = account
    ? scopesToAsk(state, account, txn.requestedScopes)
    : txn.additionalConsent
      ? txn.requestedScopes
      : state.options.consentItems;
  const shownTerms = account
    ? termsToAsk(state, account, txn.serviceTerms)
    : txn.serviceTerms.length > 0
      ? txn.serviceTerms
      : state.options.serviceTerms.map((t) => t.tag);
  const html = renderConsentPage({
    transaction: { ...txn, requestedScopes: shownScopes, serviceTerms: shownTerms },
    users: state.users,
    account,
    selectedUserId: selected?.id,
    requiredScopes: state.options.requiredConsentItems,
    requiredTerms: state.options.serviceTerms.filter((t) => t.required).map((t) => t.tag),
    appName: `App ${state.options.appId}`,
  });
  return htmlReply(200, html, PAGE_HEADERS);
}
