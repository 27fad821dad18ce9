import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  KakaoAuthModule,
  type KakaoAuthModuleExtras,
  type KakaoAuthModuleOptions,
} from '../../src';

/** Boots a Nest app that imports `KakaoAuthModule.forRoot(options)`: its startup error, or undefined. */
export async function bootError(
  options: KakaoAuthModuleOptions & KakaoAuthModuleExtras,
): Promise<unknown> {
  @Module({ imports: [KakaoAuthModule.forRoot(options)] })
  class BootApp {}
  try {
    const app = await NestFactory.create(BootApp, { logger: false, abortOnError: false });
    try {
      await app.init();
      return undefined;
    } finally {
      await app.close().catch(() => undefined);
    }
  } catch (err) {
    return err;
  }
}
