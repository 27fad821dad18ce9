import { redactSecrets } from '../util/redact-secrets';
import type { ResolvedKakaoAuthOptions } from './resolve-module-options';

/**
 * `Name: message` of an error for the module's logs, with the app's secrets and the given
 * tokens blanked out: app hooks (`validateUser`, `onUnlink`, `onLogout`) may quote them.
 */
export function describeError(
  err: unknown,
  options: ResolvedKakaoAuthOptions,
  tokens: ReadonlyArray<string | undefined> = [],
): string {
  let detail = err instanceof Error ? `${err.name}: ${err.message}` : 'non-Error thrown';
  const { adminKey, clientSecret, stateSecret } = options.raw;
  const secrets = [adminKey, clientSecret, ...[stateSecret ?? []].flat(), ...tokens];
  for (const secret of secrets) {
    if (secret && secret.length >= 8) detail = detail.split(secret).join('[redacted]');
  }
  // Codes and tokens the module does not know (another login's, a proxy's echo of a URL).
  return redactSecrets(detail);
}
