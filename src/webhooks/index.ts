export { KakaoWebhookError, type KakaoWebhookProblem } from './kakao-webhook.error';
export {
  KAKAO_ACCOUNT_EVENT_URIS,
  kakaoAccountEventURI,
  type KakaoAccountEvent,
  type KakaoAccountEventCategory,
  type KakaoAccountEventType,
} from './account-event.types';
export {
  KakaoAccountWebhookVerifier,
  type KakaoAccountWebhookVerifierOptions,
  type VerifiedAccountSet,
  type AccountSetResult,
} from './account-webhook.verifier';
export { MemoryJtiStore, type KakaoJtiStore, type KakaoAtomicJtiStore } from './jti.store';
export type { KakaoAccountEventHooks } from './account-event.dispatcher';
export type { KakaoWebhookLogger, KakaoWebhookHookContext } from './hook-budget';
export {
  createKakaoAccountWebhookHandler,
  type KakaoAccountWebhookHandlerOptions,
  type KakaoAccountWebhookOutcome,
} from './account-webhook.express';
export {
  createKakaoUnlinkWebhookHandler,
  type KakaoUnlinkWebhookHandlerOptions,
} from './unlink-webhook.express';
export {
  checkUnlinkWebhook,
  type KakaoUnlinkWebhookEvent,
  type KakaoUnlinkReferrer,
  type KakaoUnlinkWebhookCheck,
  type KakaoUnlinkWebhookInput,
} from './unlink-webhook.request';
