/** README snippet (compiled by test/package/readme-snippets.e2e-spec.ts). */
// #region readme
// main.ts
import { NestFactory } from '@nestjs/core';
import session from 'express-session';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.use(
    session({
      secret: process.env.SESSION_SECRET!,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' },
    }),
  );
  await app.listen(3000);
}
void bootstrap();
// #endregion
