import type { AuthorizeTransaction, EmulatorState } from './emulator-state';
import type { EmulatorUser } from './emulator-users';

/**
 * Consent items a login asks for: the `scope` items not yet agreed (additional consent), else
 * every configured item for a first login, else the required items not yet agreed (reference §1.1).
 */
export function scopesToAsk(
  state: EmulatorState,
  user: EmulatorUser,
  additional: string[],
): string[] {
  const notAgreed = (scope: string) => !user.agreedScopes.includes(scope);
  if (additional.length > 0) return additional.filter(notAgreed);
  if (!user.linked) return [...state.options.consentItems];
  return state.options.requiredConsentItems.filter(
    (scope) => state.options.consentItems.includes(scope) && notAgreed(scope),
  );
}

/** Service terms a login asks for: the requested tags not yet agreed, else all for a first login. */
export function termsToAsk(
  state: EmulatorState,
  user: EmulatorUser,
  requested: string[],
): string[] {
  const tags =
    requested.length > 0
      ? requested
      : user.linked
        ? []
        : state.options.serviceTerms.map((t) => t.tag);
  return tags.filter((tag) => !user.agreedServiceTerms.some((term) => term.tag === tag));
}

/** Whether the consent page must be shown (a first login, or something new to agree to). */
export function needsConsent(
  state: EmulatorState,
  user: EmulatorUser,
  txn: AuthorizeTransaction,
): boolean {
  return (
    !user.linked ||
    scopesToAsk(state, user, txn.requestedScopes).length > 0 ||
    termsToAsk(state, user, txn.serviceTerms).length > 0
  );
}
