import type { RedisStore } from 'connect-redis';

interface StoredSession {
  id: string;
  passport?: { user?: { kakaoAuthUser?: { id?: string } } };
}

/** The module's default session user; adapt it to what your validateUser returns. */
const kakaoIdOf = (session: StoredSession) => session.passport?.user?.kakaoAuthUser?.id;

/**
 * endUserSessions for express-session + connect-redis: destroys every session whose logged-in
 * user has this Kakao id. It scans the store; keep your own userId → session ids set instead
 * when there are many sessions.
 */
export function endUserSessionsIn(store: RedisStore): (userId: string) => Promise<void> {
  return async (userId) => {
    const sessions = (await store.all()) as StoredSession[];
    const theirs = sessions.filter((session) => kakaoIdOf(session) === userId);
    await Promise.all(theirs.map((session) => store.destroy(session.id)));
  };
}
