import type { KakaoAuthModuleOptions } from './kakao-auth.options';

/** A class for `forRootAsync({ useClass })` / `useExisting`. */
export interface KakaoAuthOptionsFactory {
  createKakaoAuthOptions(): KakaoAuthModuleOptions | Promise<KakaoAuthModuleOptions>;
}
