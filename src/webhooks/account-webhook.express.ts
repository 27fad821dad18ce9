import type { IncomingMessage, ServerResponse } from 'node:http';
import { hooksFor, type KakaoAccountEventHooks } from './account-event.dispatcher';
import {
  KakaoAccountWebhookVerifier,
  type KakaoAccountWebhookVerifierOptions,
  type VerifiedAccountSet,
} from './account-webhook.verifier';
import { describeHookError, type KakaoWebhookLogger, runHooksWithin } from './hook-budget';
import { BodyTooLargeError, readRawBody } from './raw-body.reader';
import { DEFAULT_WEBHOOK_BUDGET_MS, json } from './unlink-webhook.express';

/** Options of `createKakaoAccountWebhookHandler`. */
export interface KakaoAccountWebhookHandlerOptions extends KakaoAccountEventHooks {
  /** A verifier, or its options (`clientID`, `audiences`, `jtiStore`, …). */
  verifier: KakaoAccountWebhookVerifier | KakaoAccountWebhookVerifierOptions;
  /** How long after the request arrived the answer goes out at the latest, in ms (default 2500). */
  budgetMs?: number;
  /** Status of a verified delivery: 202 (RFC 8935, default) or 200 (Kakao: "200 OK, 202 Accepted…"). */
  successStatus?: 200 | 202;
  logger?: KakaoWebhookLogger;
  /** How a hook's error is written to the log (default: class and message); e.g. to blank out secrets. */
  describeError?: (err: unknown) => string;
}

/** What the handler did with one request, for apps that wrap it. */
export type KakaoAccountWebhookOutcome =
  | { status: 202 | 200; set: VerifiedAccountSet; lateHooks: string[] }
  | { status: 400 | 405 | 413 | 500 | 503 };

/**
 * Kakao's account-status webhook for Express (or any Node HTTP server): reads the raw body
 * (mount it before or without a parser for `application/secevent+jwt`; `express.raw()` and
 * `express.text()` bodies are used as is), verifies the SET, runs the hooks within the budget
 * and answers 202. A bad token gets 400 `{"err":"invalid_request"}` and no detail (the reason is
 * logged); Kakao's JWKS or the jti store being down gets 503.
 */
export function createKakaoAccountWebhookHandler(
  options: KakaoAccountWebhookHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<KakaoAccountWebhookOutcome> {
  const verifier =
    options.verifier instanceof KakaoAccountWebhookVerifier
      ? options.verifier
      : new KakaoAccountWebhookVerifier(options.verifier);
  const logger = options.logger ?? console;
  const budget = options.budgetMs ?? DEFAULT_WEBHOOK_BUDGET_MS;
  const success = options.successStatus ?? 202;
  const maxBytes = verifier.maxBytes;
  return async (req, res) => {
    const started = Date.now();
    res.setHeader('cache-control', 'no-store');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      res.writeHead(405).end();
      return { status: 405 };
    }
    let body: Buffer | undefined;
    try {
      body = await readRawBody(req, maxBytes);
    } catch (err) {
      // Too large, or the client went away mid-body: either way nothing to verify.
      if (!res.headersSent) res.setHeader('connection', 'close');
      const status = err instanceof BodyTooLargeError ? 413 : 400;
      if (!res.headersSent) json(res, status, { err: 'invalid_request' });
      return { status };
    }
    if (body === undefined) {
      logger.error(
        'account webhook: a body parser consumed the request body; mount the webhook before it, or parse application/secevent+jwt with express.text()/express.raw()',
      );
      json(res, 400, { err: 'invalid_request' });
      return { status: 400 };
    }
    let result: Awaited<ReturnType<KakaoAccountWebhookVerifier['verify']>>;
    try {
      result = await verifier.verify(body);
    } catch (err) {
      logger.error(`account webhook: verification failed unexpectedly: ${describeHookError(err)}`);
      json(res, 500, { err: 'server_error' });
      return { status: 500 };
    }
    if (!result.ok) {
      logger.warn(`account webhook: ${result.error.message}`);
      const unavailable =
        result.error.problem === 'jwks_unavailable' || result.error.problem === 'store_unavailable';
      json(res, unavailable ? 503 : 400, {
        err: unavailable ? 'temporarily_unavailable' : 'invalid_request',
      });
      return { status: unavailable ? 503 : 400 };
    }
    const hooks = result.set.events.flatMap((event) => hooksFor(event, options));
    const { late } = await runHooksWithin(
      hooks,
      started + budget,
      logger,
      options.describeError ?? describeHookError,
    );
    res.writeHead(success).end();
    return { status: success, set: result.set, lateHooks: late };
  };
}
