/** Where webhook handlers report what went wrong in the app's hooks (default `console`). */
export interface KakaoWebhookLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** What every hook gets besides its event. */
export interface KakaoWebhookHookContext {
  /** Aborted when the answer to Kakao goes out: a hook still running after that may stop. */
  signal: AbortSignal;
}

/**
 * Runs the hooks and waits for them at most until `deadline` (epoch ms), so the answer reaches
 * Kakao within its 3 s whatever they do. A hook still running then keeps running (a promise
 * cannot be cancelled); `signal` is aborted and one line is logged, so a hook that prefers to
 * stop can. A hook that throws is logged and does not change the answer: Kakao only looks at
 * the status code and does not redeliver.
 */
export async function runHooksWithin(
  hooks: Array<{ name: string; run: (context: KakaoWebhookHookContext) => unknown }>,
  deadline: number,
  logger: KakaoWebhookLogger,
  describe: (err: unknown) => string,
): Promise<{ late: string[] }> {
  const controller = new AbortController();
  const pending = new Set(hooks.map((hook) => hook.name));
  const runs = hooks.map((hook) =>
    Promise.resolve()
      .then(() => hook.run({ signal: controller.signal }))
      .catch((err: unknown) => logger.error(`${hook.name} threw: ${describe(err)}`))
      .finally(() => pending.delete(hook.name)),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, deadline - Date.now()));
  });
  const outcome = await Promise.race([Promise.all(runs), timeout]);
  clearTimeout(timer);
  if (outcome !== 'late') return { late: [] };
  const late = [...pending];
  logger.warn(
    `${late.join(', ')} still running when the webhook answer was due; answered Kakao anyway, the hook keeps running (its signal is aborted)`,
  );
  controller.abort();
  return { late };
}

/** An error's class and message, cut short; never a stack with request data. */
export function describeHookError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.slice(0, 200)}`;
  return String(err).slice(0, 200);
}
