import { redirectReply, withQuery, type Reply } from './emulator-http';
import type { AuthorizeTransaction, EmulatorState, KakaoAccountSession } from './emulator-state';
import type { EmulatorUser } from './emulator-users';
import { sessionCookie } from './kauth-account.session';

/** Issues the code and sends the browser back to the app with `code` and the untouched `state`. */
export function approve(
  state: EmulatorState,
  txn: AuthorizeTransaction,
  user: EmulatorUser,
  session: KakaoAccountSession,
): Reply {
  const code = state.tokens.addCode({
    userId: user.id,
    clientId: txn.clientId,
    redirectUri: txn.redirectUri,
    scopes: [...user.agreedScopes],
    openid: txn.openid,
    nonce: txn.nonce,
    codeChallenge: txn.codeChallenge,
    createdAt: state.now(),
    authTime: session.authTime,
  });
  return redirectReply(withQuery(txn.redirectUri, { code: code.code, state: txn.state }), {
    'set-cookie': sessionCookie(session),
    'cache-control': 'no-store',
  });
}

/** Sends the browser back to the app with an OAuth error (`access_denied`, `login_required` …). */
export function redirectError(
  txn: AuthorizeTransaction,
  error: string,
  description: string,
): Reply {
  return redirectReply(
    withQuery(txn.redirectUri, { error, error_description: description, state: txn.state }),
    { 'cache-control': 'no-store' },
  );
}
