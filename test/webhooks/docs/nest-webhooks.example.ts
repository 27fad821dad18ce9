import type { KakaoAuthModuleOptions } from '../../../src';

/** The app's own user store (whatever it is: TypeORM, Prisma, …). */
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
    // Unlink webhook: POST/GET {prefix}/webhooks/unlink (needs adminKey, checks appId).
    onUnlink: async ({ userId }) => {
      // Idempotent: unlinking a user that is already unlinked changes nothing.
      await users.unlinkKakao(userId);
    },
    // Account-status webhook: POST {prefix}/webhooks/account.
    accountWebhook: {
      endUserSessions: (userId) => users.endSessions(userId),
      onSessionsRevoked: (event) => users.forgetKakaoTokens(event.userId),
      onAccountDisabled: (event) => users.suspend(event.userId),
      onAccountEnabled: (event) => users.reactivate(event.userId),
      onUnlinked: (event) => users.unlinkKakao(event.userId),
      onScopeWithdrawn: (event) => users.forgetConsent(event.userId, event.scopes ?? []),
      onProfileChanged: (event) => users.updateProfile(event.userId, event.payload),
      onAccountEvent: (event) => {
        // Every event arrives here too; an unknown type is only logged, never acted on.
        if (event.type === 'unknown') console.warn(`Kakao event not handled: ${event.uri}`);
      },
    },
  };
}
