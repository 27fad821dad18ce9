import { DECISION_PATH } from './consent-page.html';
import type { RouteHandler } from './emulator-http';
import type { EmulatorState } from './emulator-state';
import { authorize } from './kauth-authorize.handler';
import { decide } from './kauth-consent-decision.handler';
import { logout } from './kauth-logout.handler';

/** The browser-facing kauth routes: the authorize page, its consent decision, account logout. */
export function kauthAuthorizeRoutes(state: EmulatorState): Record<string, RouteHandler> {
  return {
    'GET /oauth/authorize': (request) => authorize(state, request),
    [`POST ${DECISION_PATH}`]: (request) => decide(state, request),
    'GET /oauth/logout': (request) => logout(state, request),
  };
}
