import { MemoryOneTimeStore } from '../token-login/kakao-one-time.store';
import { firstSighting, isJtiStore, MemoryJtiStore } from './jti.store';

describe('jti stores', () => {
  it('MemoryJtiStore: first sighting true, a replay false, true again after the TTL', () => {
    let now = 1_000_000;
    const store = new MemoryJtiStore(10, () => now);
    expect(store.setIfAbsent('a', '1', 60)).toBe(true);
    expect(store.setIfAbsent('a', '1', 60)).toBe(false);
    now += 60_001;
    expect(store.setIfAbsent('a', '1', 60)).toBe(true);
  });

  it('MemoryJtiStore stays bounded: expired entries go first, then the oldest', () => {
    let now = 0;
    const store = new MemoryJtiStore(3, () => now);
    store.setIfAbsent('old', '1', 1);
    store.setIfAbsent('b', '1', 100);
    store.setIfAbsent('c', '1', 100);
    now = 2000;
    expect(store.setIfAbsent('d', '1', 100)).toBe(true);
    expect(store.setIfAbsent('b', '1', 100)).toBe(false);
    expect(store.setIfAbsent('e', '1', 100)).toBe(true);
    // b was the oldest live entry when e needed room.
    expect(store.setIfAbsent('b', '1', 100)).toBe(true);
  });

  it('firstSighting works with a set/take store too', async () => {
    const store = new MemoryOneTimeStore();
    expect(await firstSighting(store, 'k', 60)).toBe(true);
    expect(await firstSighting(store, 'k', 60)).toBe(false);
    expect(await firstSighting(store, 'k', 60)).toBe(false);
  });

  it('isJtiStore accepts either shape and nothing else', () => {
    expect(isJtiStore({ setIfAbsent: () => true })).toBe(true);
    expect(isJtiStore(new MemoryOneTimeStore())).toBe(true);
    expect(isJtiStore({ set: () => undefined })).toBe(false);
    expect(isJtiStore(null)).toBe(false);
  });
});
