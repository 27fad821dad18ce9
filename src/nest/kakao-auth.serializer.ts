import type { PassportStatic } from 'passport';
import { SERIALIZED_USER_KEY } from './kakao-auth.internal-constants';
import { isSerializedUser, usersLoggingIn, useSessionPassport } from './kakao-session';

const registered = new WeakSet<object>();

type SerializeDone = (err: unknown, serialized?: unknown) => void;

/**
 * Session (de)serializers for the users the module logs in; every other user is passed on
 * (`'pass'`) to the app's own serializers, so a second strategy keeps working as before.
 */
export function registerKakaoSerializer(passport: PassportStatic): void {
  useSessionPassport(passport);
  if (registered.has(passport)) return;
  registered.add(passport);
  const serialize = (req: unknown, user: unknown, done: SerializeDone) => {
    if (typeof req === 'object' && req !== null && usersLoggingIn.get(req) === user)
      return done(null, { [SERIALIZED_USER_KEY]: user });
    done('pass');
  };
  const deserialize = (stored: unknown, done: SerializeDone) => {
    if (isSerializedUser(stored)) return done(null, stored[SERIALIZED_USER_KEY]);
    done('pass');
  };
  passport.serializeUser(serialize);
  passport.deserializeUser(deserialize);
  // Passport asks serializers in registration order, and the app's own (registered by a provider
  // Nest may construct first) usually takes every user. Ours only takes the module's users, so
  // it goes first.
  const chains = passport as unknown as { _serializers?: unknown[]; _deserializers?: unknown[] };
  moveToFront(chains._serializers, serialize);
  moveToFront(chains._deserializers, deserialize);
}

function moveToFront(chain: unknown[] | undefined, fn: unknown): void {
  const at = chain?.indexOf(fn) ?? -1;
  if (chain && at > 0) chain.unshift(...chain.splice(at, 1));
}
