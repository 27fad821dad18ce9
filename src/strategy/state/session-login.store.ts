import type { IncomingMessage } from 'node:http';
import { KakaoConfigError } from '../../errors/kakao-config.error';
import type { PendingLogin, PendingLoginStore } from './pending-login';

/** Session key holding the pending logins. */
export const SESSION_KEY = 'kakaoAuth';

type SessionRequest = IncomingMessage & { session?: Record<string, unknown> };
interface SessionSlot {
  pending: PendingLogin[];
}

/**
 * Pending logins in `req.session` (express-session or any store), so several tabs can log in
 * at once; the oldest are dropped beyond `max`.
 */
export class SessionLoginStore implements PendingLoginStore {
  constructor(
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  put(req: IncomingMessage, login: PendingLogin): void {
    const slot = this.slot(req);
    const now = this.now();
    slot.pending = slot.pending.filter((p) => p.expiresAt > now);
    slot.pending.push(login);
    if (slot.pending.length > this.max) slot.pending.splice(0, slot.pending.length - this.max);
  }

  take(req: IncomingMessage, state: string): PendingLogin | undefined {
    const session = (req as SessionRequest).session;
    const slot = session?.[SESSION_KEY] as SessionSlot | undefined;
    if (!slot || !Array.isArray(slot.pending)) return undefined;
    const index = slot.pending.findIndex((p) => p && p.state === state);
    if (index < 0) return undefined;
    const [login] = slot.pending.splice(index, 1);
    // An empty slot would be stored, hashed and serialized with every later request.
    if (slot.pending.length === 0) delete session![SESSION_KEY];
    return login.expiresAt > this.now() ? login : undefined;
  }

  private slot(req: IncomingMessage): SessionSlot {
    const session = (req as SessionRequest).session;
    if (!session) {
      throw new KakaoConfigError(
        'KakaoStrategy: stateStore "session" needs req.session; install express-session before passport, or use stateStore "cookie" with a stateSecret',
      );
    }
    const slot = session[SESSION_KEY] as SessionSlot | undefined;
    if (slot && Array.isArray(slot.pending)) return slot;
    const fresh: SessionSlot = { pending: [] };
    session[SESSION_KEY] = fresh;
    return fresh;
  }
}
