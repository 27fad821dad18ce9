/** Metadata key set on every route of the module's controller (see `isKakaoAuthRoute`). */
export const KAKAO_AUTH_ROUTE = 'kakao-auth:route';

/** The Passport strategy name the module registers. */
export const KAKAO_STRATEGY_NAME = 'kakao';
