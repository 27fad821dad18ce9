import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import { AppModule } from './app.module';
import type { NestSampleConfig } from './sample.config';

export type { NestSampleConfig, SampleKakaoConfig } from './sample.config';

/**
 * Builds the NestJS sample (not yet listening): `await (await createNestSample(config)).listen(3000)`.
 * express-session keeps the login; its default MemoryStore is for development only (use a shared
 * store such as connect-redis when several instances serve the app).
 */
export async function createNestSample(config: NestSampleConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: config.logger ?? ['log', 'warn', 'error'],
  });
  app.use(
    session({
      name: 'sample.sid',
      secret: config.sessionSecret ?? 'sample-session-secret-change-me',
      resave: false,
      saveUninitialized: false,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.kakao.callbackURL.startsWith('https:'),
      },
    }),
  );
  return app;
}
