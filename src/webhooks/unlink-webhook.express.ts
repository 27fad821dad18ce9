import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  describeHookError,
  type KakaoWebhookHookContext,
  type KakaoWebhookLogger,
  runHooksWithin,
} from './hook-budget';
import { BodyTooLargeError, readRawBody } from './raw-body.reader';
import {
  checkUnlinkWebhook,
  type KakaoUnlinkWebhookCheck,
  type KakaoUnlinkWebhookEvent,
} from './unlink-webhook.request';
import { KakaoWebhookError } from './kakao-webhook.error';

/** Kakao waits 3 s; this leaves room for the network. */
export const DEFAULT_WEBHOOK_BUDGET_MS = 2500;
const MAX_FORM_BYTES = 8 * 1024;

/** Options of `createKakaoUnlinkWebhookHandler`. */
export interface KakaoUnlinkWebhookHandlerOptions extends KakaoUnlinkWebhookCheck {
  /** Delete or unlink the user here; must be idempotent (see docs/webhooks.md). */
  onUnlink: (event: KakaoUnlinkWebhookEvent, context: KakaoWebhookHookContext) => unknown;
  /** How long after the request arrived the 200 goes out at the latest, in ms (default 2500). */
  budgetMs?: number;
  logger?: KakaoWebhookLogger;
}

type Req = IncomingMessage & { body?: unknown; query?: unknown };

/**
 * Kakao's unlink webhook for Express (or any Node HTTP server): GET or POST, `Authorization:
 * KakaoAK <primary admin key>`, then a 200 within the budget whatever `onUnlink` does.
 */
export function createKakaoUnlinkWebhookHandler(
  options: KakaoUnlinkWebhookHandlerOptions,
): (
  req: IncomingMessage & { body?: unknown; query?: unknown },
  res: ServerResponse,
) => Promise<void> {
  const logger = options.logger ?? console;
  const budget = options.budgetMs ?? DEFAULT_WEBHOOK_BUDGET_MS;
  return async (req, res) => {
    const started = Date.now();
    res.setHeader('cache-control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return void res.writeHead(405).end();
    }
    let event: KakaoUnlinkWebhookEvent;
    try {
      event = checkUnlinkWebhook(
        { authorization: req.headers.authorization, params: await unlinkParams(req) },
        options,
      );
    } catch (err) {
      return void answerRefusal(res, err, logger);
    }
    await runHooksWithin(
      [{ name: 'onUnlink', run: (context) => options.onUnlink(event, context) }],
      started + budget,
      logger,
      describeHookError,
    );
    res.writeHead(200).end();
  };
}

/** 401 for a wrong key or app, 400 for a bad id or an unreadable body, 413 for a huge body; nothing echoed. */
export function answerRefusal(res: ServerResponse, err: unknown, logger: KakaoWebhookLogger): void {
  if (res.headersSent) return;
  if (!(err instanceof KakaoWebhookError)) {
    res.setHeader('connection', 'close');
    const status = err instanceof BodyTooLargeError ? 413 : 400;
    return void json(res, status, { error: 'invalid_request' });
  }
  if (err.problem === 'unauthorized') return void json(res, 401, { error: 'unauthorized' });
  logger.warn(err.message);
  if (err.problem === 'wrong_app') return void json(res, 401, { error: 'wrong_app' });
  json(res, 400, { error: 'invalid_request' });
}

/** Query parameters, plus the form (or JSON) body of a POST. */
export async function unlinkParams(req: Req): Promise<Record<string, unknown>> {
  const query =
    req.query && typeof req.query === 'object'
      ? (req.query as Record<string, unknown>)
      : Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  if (req.method !== 'POST') return { ...query };
  const parsed = req.body;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed))
    return { ...query, ...(parsed as Record<string, unknown>) };
  const raw = (await readRawBody(req, MAX_FORM_BYTES))?.toString('utf8') ?? '';
  if (raw.trim().startsWith('{')) {
    try {
      return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
    } catch {
      return { ...query };
    }
  }
  return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
}

export function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
