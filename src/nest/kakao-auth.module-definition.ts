import { type ConfigurableModuleAsyncOptions, ConfigurableModuleBuilder } from '@nestjs/common';
import passport from 'passport';
import { registerKakaoSerializer } from './kakao-auth.serializer';
import { createKakaoAuthController } from './kakao-auth.controller';
import { KAKAO_AUTH_ROUTE_PREFIX } from './kakao-auth.internal-constants';
import type { KakaoAuthModuleExtras, KakaoAuthModuleOptions } from './kakao-auth.options';
import { normalizePrefix } from './resolve-module-options';

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: KAKAO_AUTH_OPTIONS } =
  new ConfigurableModuleBuilder<KakaoAuthModuleOptions>({ moduleName: 'KakaoAuth' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createKakaoAuthOptions')
    .setExtras<KakaoAuthModuleExtras>({ isGlobal: false, routes: {} }, (definition, extras) => {
      // Now, while the app's modules are declared: before any provider's serializer (see there).
      registerKakaoSerializer(passport);
      const prefix = extras.routes === false ? false : normalizePrefix(extras.routes?.prefix);
      return {
        ...definition,
        global: extras.isGlobal,
        controllers: prefix === false ? [] : [createKakaoAuthController(prefix)],
        providers: [
          ...(definition.providers ?? []),
          { provide: KAKAO_AUTH_ROUTE_PREFIX, useValue: prefix },
        ],
      };
    })
    .build();

/** `forRoot()` input: the options plus the extras (`isGlobal`, `routes`). */
export type KakaoAuthModuleForRootOptions = KakaoAuthModuleOptions & Partial<KakaoAuthModuleExtras>;
/** `forRootAsync()` input: `imports`, `inject`, `useFactory` / `useClass` / `useExisting`, plus the extras. */
export type KakaoAuthModuleAsyncOptions = ConfigurableModuleAsyncOptions<
  KakaoAuthModuleOptions,
  'createKakaoAuthOptions'
> &
  Partial<KakaoAuthModuleExtras>;
