import type { KakaoAuthModuleOptions } from '../../../src';

/** 앱의 사용자 저장소 (TypeORM, Prisma 등 무엇이든). */
export interface Users {
  unlinkKakao(kakaoId: string): Promise<void>;
  suspend(kakaoId: string): Promise<void>;
  reactivate(kakaoId: string): Promise<void>;
  forgetKakaoTokens(kakaoId: string): Promise<void>;
  forgetConsent(kakaoId: string, scopes: string[]): Promise<void>;
  updateProfile(kakaoId: string, changes: Record<string, unknown>): Promise<void>;
  endSessions(kakaoId: string): Promise<void>;
}

export function kakaoWebhooks(users: Users): Partial<KakaoAuthModuleOptions> {
  return {
    // 연결 해제 웹훅: POST/GET {prefix}/webhooks/unlink (adminKey 필요, appId 확인).
    onUnlink: async ({ userId }) => {
      // 멱등: 이미 연결 해제된 사용자를 다시 해제해도 아무것도 바뀌지 않습니다.
      await users.unlinkKakao(userId);
    },
    // 계정 상태 변경 웹훅: POST {prefix}/webhooks/account.
    accountWebhook: {
      endUserSessions: (userId) => users.endSessions(userId),
      onSessionsRevoked: (event) => users.forgetKakaoTokens(event.userId),
      onAccountDisabled: (event) => users.suspend(event.userId),
      onAccountEnabled: (event) => users.reactivate(event.userId),
      onUnlinked: (event) => users.unlinkKakao(event.userId),
      onScopeWithdrawn: (event) => users.forgetConsent(event.userId, event.scopes ?? []),
      onProfileChanged: (event) => users.updateProfile(event.userId, event.payload),
      onAccountEvent: (event) => {
        // 모든 이벤트가 여기에도 옵니다. 알 수 없는 유형은 로그만 남기고 처리하지 않습니다.
        if (event.type === 'unknown') console.warn(`Kakao event not handled: ${event.uri}`);
      },
    },
  };
}
