import express from 'express';
import {
  createKakaoAccountWebhookHandler,
  createKakaoUnlinkWebhookHandler,
} from '../../../src/passport';

export interface KakaoWebhookConfig {
  clientID: string;
  /** 같은 앱의 다른 REST API 키 (2025-12-03부터 앱마다 여러 키). */
  audiences?: string[];
  /** 대표 어드민 키: 카카오가 연결 해제 웹훅에 이 키를 담아 보냅니다. */
  adminKey: string;
  appId: string;
  /** 에뮬레이터에서만 지정합니다. undefined면 실제 카카오입니다. */
  authBaseURL?: string;
}

export function kakaoWebhookRouter(
  config: KakaoWebhookConfig,
  users: { unlinkKakao(id: string): Promise<void>; endSessions(id: string): Promise<void> },
): express.Router {
  const account = createKakaoAccountWebhookHandler({
    verifier: {
      clientID: config.clientID,
      audiences: config.audiences,
      authBaseURL: config.authBaseURL,
    },
    endUserSessions: (userId) => users.endSessions(userId),
    onUnlinked: (event) => users.unlinkKakao(event.userId),
  });
  const unlink = createKakaoUnlinkWebhookHandler({
    adminKey: config.adminKey,
    appId: config.appId,
    onUnlink: (event) => users.unlinkKakao(event.userId),
  });
  const router = express.Router();
  // application/secevent+jwt 를 가져가는 바디 파서보다 먼저 (또는 그 대신) 마운트합니다.
  router.post('/webhooks/kakao/account', (req, res) => void account(req, res));
  router.all('/webhooks/kakao/unlink', (req, res) => void unlink(req, res));
  return router;
}
