/** Docs snippet: README "Quick start: NestJS" (a stand-in users module), booted by .ci/suites/quickstart.sh. */
// #region readme
// src/users.ts: a stand-in for your users module (keep users in your database)
import { Injectable, Module } from '@nestjs/common';
import type { KakaoProfile } from 'nestjs-kakao-auth';

export interface User {
  id: string;
  kakaoId: string;
  nickname?: string;
}

@Injectable()
export class UsersService {
  private readonly byKakaoId = new Map<string, User>();

  async upsertFromKakao(profile: KakaoProfile): Promise<User> {
    const user = this.byKakaoId.get(profile.id) ?? {
      id: `u${this.byKakaoId.size + 1}`,
      kakaoId: profile.id,
    };
    user.nickname = profile.nickname;
    this.byKakaoId.set(profile.id, user);
    return user;
  }

  async disableByKakaoId(kakaoId: string): Promise<void> {
    this.byKakaoId.delete(kakaoId);
  }
}

@Module({ providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
// #endregion
