import { unknownClientPage, unregisteredRedirectPage } from './emulator-error-page.html';
import { redirectReply, withQuery, type EmulatorRequest, type Reply } from './emulator-http';
import { SESSION_COOKIE, type EmulatorState } from './emulator-state';
import { CLEARED_SESSION_COOKIE } from './kauth-account.session';

/** GET /oauth/logout (Kakao Account logout): ends the session, back to a registered URI. */
export function logout(state: EmulatorState, request: EmulatorRequest): Reply {
  const query = request.query;
  if (!state.isKnownClient(query.client_id)) {
    return unknownClientPage(query.client_id);
  }
  const uri = query.logout_redirect_uri;
  if (!state.isRegisteredURI(uri, state.options.logoutRedirectURIs)) {
    return unregisteredRedirectPage('logout_redirect_uri', uri, state.options.logoutRedirectURIs);
  }
  state.sessions.delete(request.cookies[SESSION_COOKIE] ?? '');
  return redirectReply(withQuery(uri, { state: query.state }), {
    'set-cookie': CLEARED_SESSION_COOKIE,
  });
}
