import { request as undiciRequest } from 'undici';
import { KakaoApiClient } from '../../src/passport';
import type { ApiClientName, KakaoEndpoints } from '../lib/protocol';

/** One `GET /v2/user/me` that resolves with the user's id, or rejects. */
export type UserMeCall = () => Promise<string>;

/**
 * The same call for every client: `GET {api}/v2/user/me?secure_resource=true` with a Bearer
 * token, status checked, the JSON body parsed, the id read. Each client keeps its connections
 * alive its own default way, and trusts the emulator the way an app trusts Kakao's public CA:
 * NODE_EXTRA_CA_CERTS (no per-client `ca`).
 *
 * - ours: `KakaoApiClient.getUser` (keep-alive node:https agent, 10 s timeout, 1 MiB cap, exact
 *   ids, typed result).
 * - fetch: Node's global `fetch` (the undici bundled with Node, its global keep-alive pool).
 * - undici: `request` of undici@7 from npm (its own global keep-alive pool).
 */
export function userMeCall(
  client: ApiClientName,
  kakao: KakaoEndpoints,
  accessToken: string,
): UserMeCall {
  const url = `${kakao.baseURL}/v2/user/me?secure_resource=true`;
  const headers = { authorization: `Bearer ${accessToken}` };
  switch (client) {
    case 'ours': {
      const api = new KakaoApiClient({
        clientID: kakao.clientID,
        authBaseURL: kakao.baseURL,
        apiBaseURL: kakao.baseURL,
      });
      return async () => (await api.getUser(accessToken)).id;
    }
    case 'fetch':
      return async () => {
        const res = await fetch(url, { headers });
        if (res.status !== 200) {
          await res.body?.cancel();
          throw new Error(`fetch: HTTP ${res.status}`);
        }
        const me = (await res.json()) as { id: number };
        return String(me.id);
      };
    case 'undici':
      return async () => {
        const { statusCode, body } = await undiciRequest(url, { headers });
        if (statusCode !== 200) {
          await body.dump();
          throw new Error(`undici.request: HTTP ${statusCode}`);
        }
        const me = (await body.json()) as { id: number };
        return String(me.id);
      };
  }
}
