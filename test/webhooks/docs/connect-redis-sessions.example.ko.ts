import type { RedisStore } from 'connect-redis';

interface StoredSession {
  id: string;
  passport?: { user?: { kakaoAuthUser?: { id?: string } } };
}

/** 모듈의 기본 세션 사용자입니다. validateUser가 돌려주는 값에 맞게 바꾸세요. */
const kakaoIdOf = (session: StoredSession) => session.passport?.user?.kakaoAuthUser?.id;

/**
 * express-session + connect-redis 용 endUserSessions: 로그인한 사용자의 카카오 회원번호가
 * userId인 세션을 모두 삭제합니다. 저장소 전체를 훑으므로, 세션이 많으면
 * userId → 세션 id 집합을 따로 관리하세요.
 */
export function endUserSessionsIn(store: RedisStore): (userId: string) => Promise<void> {
  return async (userId) => {
    const sessions = (await store.all()) as StoredSession[];
    const theirs = sessions.filter((session) => kakaoIdOf(session) === userId);
    await Promise.all(theirs.map((session) => store.destroy(session.id)));
  };
}
