/**
 * openid-client@6 declares `openid-client/passport` only through package.json "exports", which
 * the repository's `moduleResolution: node` does not read; its own declaration file is fine.
 */
declare module 'openid-client/passport' {
  export * from 'openid-client/build/passport';
}
