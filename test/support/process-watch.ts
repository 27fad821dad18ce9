import { runInThisContext } from 'node:vm';

/**
 * Listens to the real Node process's `unhandledRejection` and `uncaughtException` (Jest hands
 * tests a copy of `process` whose listeners never fire), so a suite can assert that none
 * happened. Jest would also fail the test that is running at the time; this catches the ones
 * that surface between tests too, and says which.
 */
export function watchProcessErrors(): { errors: unknown[]; stop(): void } {
  const real = runInThisContext('process') as NodeJS.Process;
  const errors: unknown[] = [];
  const record = (err: unknown) => void errors.push(err);
  real.on('unhandledRejection', record);
  real.on('uncaughtException', record);
  return {
    errors,
    stop: () => {
      real.off('unhandledRejection', record);
      real.off('uncaughtException', record);
    },
  };
}
