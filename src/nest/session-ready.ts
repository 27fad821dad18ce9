import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import passport from 'passport';

const logger = new Logger('KakaoAuthModule');

/**
 * Before `POST token` / `POST exchange` consume a nonce or a handoff code: in session mode the
 * request needs express-session's `req.session`, and Passport's `req.logIn`, which only
 * `passport.initialize()` / `passport.session()` or `passport.authenticate` add. Without
 * `passport.session()` (the README quick start) the module initializes Passport on the request
 * itself; without a session it answers 500 `server_error` and logs the real cause, having used
 * up nothing.
 */
export function sessionReady(req: Request, res: Response, route: string): boolean {
  if (!(req as { session?: unknown }).session) {
    logger.error(
      `${route}: no session on the request (req.session is missing): mount express-session before the app's routes (app.use(session({ … }))), or use session: false with an onLogin hook; nothing was consumed`,
    );
    res.setHeader('cache-control', 'no-store');
    res.status(500).json({ error: 'server_error' });
    return false;
  }
  if (typeof (req as { logIn?: unknown }).logIn !== 'function')
    passport.initialize()(req, res, () => undefined);
  return true;
}
