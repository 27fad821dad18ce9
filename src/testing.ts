/** `nestjs-kakao-auth/testing`: a local Kakao for development and tests. Node built-ins only. */
export { KakaoEmulator } from './testing/kakao-emulator';
export type { IssueTokensOptions } from './testing/kakao-emulator';
export type { KakaoEmulatorOptions, EmulatorServiceTerm } from './testing/emulator-options';
export type {
  EmulatorUser,
  EmulatorUserInit,
  EmulatorShippingAddress,
  EmulatorAgreedServiceTerm,
} from './testing/emulator-users';
export type { EmulatorFault, EmulatorFaults, KakaoErrorFault } from './testing/emulator-faults';
export type { EmulatorRequestLogEntry } from './testing/emulator-http';
export type { IdTokenClaims, MintIdTokenOptions, PublishedJwk } from './testing/id-token.signer';
// Not `KakaoTokenResponse`: that name is the strategy's `params` type in `nestjs-kakao-auth/passport`.
export type { EmulatorTokenResponse } from './testing/token.issuer';
export type {
  UnlinkReferrerType,
  UnlinkWebhookOptions,
  UnlinkWebhookResult,
} from './testing/unlink-webhook.sender';
// Standalone use (#15): request records (onRequest, log page) and webhook deliveries.
export type { EmulatorRequestRecord } from './testing/emulator-request.log';
export type { WebhookDelivery } from './testing/emulator-state';
export type {
  AccountWebhookOptions,
  AccountWebhookResult,
  AccountWebhookFault,
  AccountEventTypeName,
} from './testing/account-webhook.sender';
export type {
  EmulatorRestApiKey,
  EmulatorAdminKey,
  EmulatorAdminKeyCategory,
} from './testing/app-keys';
