/** Docs snippet: README "Quick start: NestJS", booted by .ci/suites/quickstart.sh. */
// #region readme
// src/main.ts
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
      // Secure cookies need https: on http://localhost the browser drops them (invalid_state).
      cookie: { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' },
    }),
  );
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    console.error(`Port ${port} is in use: stop the other server, or start with PORT=${port + 1}.`);
    process.exit(1);
  });
}
void bootstrap();
// #endregion
