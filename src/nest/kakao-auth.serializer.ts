import type { PassportStatic } from 'passport';
import { SERIALIZED_USER_KEY } from './kakao-auth.internal-constants';
import { isLoggingIn, isSerializedUser } from './kakao-session';

const registered = new WeakSet<object>();

type SerializeDone = (err: unknown, serialized?: unknown) => void;

/**
 * Session (de)serializers for the users the module logs in; every other user is passed on
 * (`'pass'`) to the app's own serializers, so a second strategy keeps working as before.
 *
 * Passport asks serializers in registration order, and an app's own usually takes every user, so
 * ours must come first: `forRoot()` / `forRootAsync()` register it while the app's modules are
 * being declared, before Nest constructs any provider (a `PassportSerializer` included). A
 * serializer registered even earlier must pass on what it does not know; the module warns when
 * it did not.
 */
export function registerKakaoSerializer(passport: PassportStatic): void {
  if (registered.has(passport)) return;
  registered.add(passport);
  // Arity 3: Passport hands the request, which marks the user the module is logging in.
  passport.serializeUser((req: unknown, user: unknown, done: SerializeDone) => {
    if (isLoggingIn(req, user)) return done(null, { [SERIALIZED_USER_KEY]: user });
    done('pass');
  });
  passport.deserializeUser((stored: unknown, done: SerializeDone) => {
    if (isSerializedUser(stored)) return done(null, stored[SERIALIZED_USER_KEY]);
    done('pass');
  });
}
