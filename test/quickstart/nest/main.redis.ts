/** README snippet "Deploying several instances": two instances on one Redis, booted by .ci/suites/quickstart.sh. */
// #region readme
// src/main.ts, with the sessions in Redis
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RedisStore } from 'connect-redis';
import session from 'express-session';
import { createClient } from 'redis';
import { AppModule } from './app.module';

async function bootstrap() {
  const redis = createClient({ url: process.env.REDIS_URL });
  await redis.connect();
  const app = await NestFactory.create<NestExpressApplication>(AppModule);
  app.set('trust proxy', 1); // behind a TLS-terminating load balancer (secure cookies)
  app.use(
    session({
      store: new RedisStore({ client: redis, prefix: 'sess:' }), // every instance sees every session
      secret: process.env.SESSION_SECRETS!.split(','), // same on every instance; the first signs
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: true },
    }),
  );
  await app.listen(Number(process.env.PORT ?? 3000));
}
void bootstrap();
// #endregion
