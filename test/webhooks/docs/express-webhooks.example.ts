import express from 'express';
import {
  createKakaoAccountWebhookHandler,
  createKakaoUnlinkWebhookHandler,
} from '../../../src/passport';

export interface KakaoWebhookConfig {
  clientID: string;
  /** The app's other REST API keys (several keys per app since 2025-12-03). */
  audiences?: string[];
  /** The primary admin key: Kakao signs the unlink webhook with it. */
  adminKey: string;
  appId: string;
  /** Only for the emulator; undefined means the real Kakao. */
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
  // Mount before (or instead of) a body parser that would take application/secevent+jwt.
  router.post('/webhooks/kakao/account', (req, res) => void account(req, res));
  router.all('/webhooks/kakao/unlink', (req, res) => void unlink(req, res));
  return router;
}
