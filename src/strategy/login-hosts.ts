import { requestHost } from './invalid-state.diagnosis';
import type { KakaoStrategyRequest } from './strategy-request';

/** Hosts of logins that started on a host other than the callback's, for the invalid_state warning. */
const MAX_LOGIN_HOSTS = 500;

/**
 * The hosts logins started on when they are not the callback's: the browser will not send that
 * host's cookies to the callback, which the invalid_state warning then names. Bounded: the
 * oldest entry goes first.
 */
export class LoginHosts {
  private readonly hosts = new Map<string, string>();

  constructor(
    private readonly callbackURL: string,
    private readonly callbackHost = new URL(callbackURL).host,
  ) {}

  remember(req: KakaoStrategyRequest, callbackURL: string, state: string): void {
    const host = requestHost(req);
    const callbackHost =
      callbackURL === this.callbackURL ? this.callbackHost : new URL(callbackURL).host;
    if (!host || host === callbackHost) return;
    if (this.hosts.size >= MAX_LOGIN_HOSTS)
      this.hosts.delete(this.hosts.keys().next().value as string);
    this.hosts.set(state, host);
  }

  /** The host the login of `state` started on, if it was another; forgotten once asked. */
  take(state: string | undefined): string | undefined {
    if (!state || !this.hosts.size) return undefined;
    const host = this.hosts.get(state);
    this.hosts.delete(state);
    return host;
  }
}
