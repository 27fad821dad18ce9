import type { PassportStatic } from 'passport';
import { SERIALIZED_USER_KEY } from './kakao-auth.internal-constants';
import { isSerializedUser, usersLoggingIn } from './kakao-session';

const registered = new WeakSet<object>();

type SerializeDone = (err: unknown, serialized?: unknown) => void;

/**
 * Session (de)serializers for the users the module logs in; every other user is passed on
 * (`'pass'`) to the app's own serializers, so a second strategy keeps working as before.
 */
export function registerKakaoSerializer(passport: PassportStatic): void {
  if (registered.has(passport)) return;
  registered.add(passport);
  passport.serializeUser((req: unknown, user: unknown, done: SerializeDone) => {
    if (typeof req === 'object' && req !== null && usersLoggingIn.get(req) === user)
      return done(null, { [SERIALIZED_USER_KEY]: user });
    done('pass');
  });
  passport.deserializeUser((stored: unknown, done: SerializeDone) => {
    if (isSerializedUser(stored)) return done(null, stored[SERIALIZED_USER_KEY]);
    done('pass');
  });
}
