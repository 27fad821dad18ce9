import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KakaoEmulator } from '../../src/testing';
import { type Users, kakaoWebhooks } from './docs/nest-webhooks.example';
import { kakaoWebhookRouter } from './docs/express-webhooks.example';
import { startWebhookApp } from './support/webhook-app';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The ```ts blocks of a Markdown file, in order. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1].replace(/\n$/, ''));
}

/** An example file as the docs show it: the package's import paths instead of the repo's. */
function asDocumented(path: string): string {
  return read(path)
    .replace(/from '\.\.\/\.\.\/\.\.\/src\/passport'/g, "from 'nestjs-kakao-auth/passport'")
    .replace(/from '\.\.\/\.\.\/\.\.\/src'/g, "from 'nestjs-kakao-auth'")
    .replace(/\n$/, '');
}

/** Code without comments and blank lines: what must be equal between the en and ko twins. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, '').trimEnd())
    .filter(Boolean)
    .join('\n');
}

const EXAMPLES = ['nest-webhooks', 'express-webhooks', 'connect-redis-sessions'];

/**
 * docs/webhooks.md and its Korean twin: every code block is one of the example files under
 * test/webhooks/docs (byte for byte but for the import paths), which the tests below and
 * test/redis/account-webhook-sessions.e2e-spec.ts run; the twins have the same sections and the
 * same code, comments translated.
 */
describe('docs/webhooks.md (+ .ko.md)', () => {
  it.each([
    ['docs/webhooks.md', ''],
    ['docs/webhooks.ko.md', '.ko'],
  ])('%s: every code block is a tested example file', (doc, suffix) => {
    expect(codeBlocks(read(doc))).toEqual(
      EXAMPLES.map((name) => asDocumented(`test/webhooks/docs/${name}.example${suffix}.ts`)),
    );
  });

  it('the Korean examples are the English ones with comments translated', () => {
    for (const name of EXAMPLES) {
      const en = read(`test/webhooks/docs/${name}.example.ts`);
      const ko = read(`test/webhooks/docs/${name}.example.ko.ts`);
      expect(code(ko)).toBe(code(en));
      expect(ko).not.toBe(en);
    }
  });

  it('the twins have the same number of sections, tables and code blocks', () => {
    const shape = (text: string) => ({
      sections: text.match(/^## /gm)?.length,
      tableRows: text.match(/^\|/gm)?.length,
      blocks: text.match(/^```/gm)?.length,
    });
    expect(shape(read('docs/webhooks.ko.md'))).toEqual(shape(read('docs/webhooks.md')));
  });

  describe('the examples run', () => {
    let kakao: KakaoEmulator;
    const calls: string[] = [];
    const users: Users = {
      unlinkKakao: async (id) => void calls.push(`unlink ${id}`),
      suspend: async (id) => void calls.push(`suspend ${id}`),
      reactivate: async (id) => void calls.push(`reactivate ${id}`),
      forgetKakaoTokens: async (id) => void calls.push(`forget tokens ${id}`),
      forgetConsent: async (id, scopes) => void calls.push(`forget ${scopes.join(',')} ${id}`),
      updateProfile: async (id, changes) =>
        void calls.push(`profile ${id} ${JSON.stringify(changes)}`),
      endSessions: async (id) => void calls.push(`end ${id}`),
    };
    beforeAll(async () => {
      kakao = await KakaoEmulator.start();
    });
    afterAll(() => kakao.stop());
    const warnings: string[] = [];
    beforeEach(() => {
      calls.length = 0;
      warnings.length = 0;
      jest
        .spyOn(console, 'warn')
        .mockImplementation((line: unknown) => void warnings.push(String(line)));
    });
    afterEach(() => jest.restoreAllMocks());

    it('the Nest example: each event reaches its hook, the unlink webhook unlinks', async () => {
      const app = await startWebhookApp(kakao, kakaoWebhooks(users));
      const id = kakao.users[0].id;
      const send = (event: string, payload?: Record<string, unknown>) =>
        kakao.sendAccountWebhook({ userId: id, event, payload, url: app.accountURL });
      try {
        for (const [event, payload] of [
          ['tokens-revoked'],
          ['account-disabled'],
          ['account-enabled'],
          ['user-scope-withdraw', { scope: 'account_email' }],
          ['user-profile-changed', { nickname: '라이언' }],
          ['https://example.com/new-event'],
        ] as Array<[string, Record<string, unknown>?]>)
          expect((await send(event, payload)).status).toBe(202);
        expect((await kakao.sendUnlinkWebhook({ userId: id, url: app.unlinkURL })).status).toBe(
          200,
        );
        expect(calls).toEqual([
          `end ${id}`,
          `forget tokens ${id}`,
          `end ${id}`,
          `suspend ${id}`,
          `reactivate ${id}`,
          `forget account_email ${id}`,
          `profile ${id} {"nickname":"라이언"}`,
          `unlink ${id}`,
        ]);
        expect(warnings).toEqual(['Kakao event not handled: https://example.com/new-event']);
      } finally {
        await app.close();
      }
    });

    it('the Express example: both routes, behind express.json()', async () => {
      const app = express();
      app.use(express.json());
      app.use(
        kakaoWebhookRouter(
          {
            clientID: kakao.clientID,
            adminKey: kakao.adminKey,
            appId: kakao.appId,
            authBaseURL: kakao.authBaseURL,
          },
          users,
        ),
      );
      const server: Server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const id = kakao.users[1].id;
        const account = await kakao.sendAccountWebhook({
          userId: id,
          event: 'user-unlinked',
          url: `${base}/webhooks/kakao/account`,
        });
        expect(account.status).toBe(202);
        for (const method of ['GET', 'POST'] as const) {
          const unlink = await kakao.sendUnlinkWebhook({
            userId: id,
            url: `${base}/webhooks/kakao/unlink`,
            method,
          });
          expect(unlink.status).toBe(200);
        }
        const forged = await kakao.sendAccountWebhook({
          userId: id,
          event: 'user-unlinked',
          url: `${base}/webhooks/kakao/account`,
          fault: 'wrong-key',
        });
        expect(forged.status).toBe(400);
        expect(calls).toEqual([`end ${id}`, `unlink ${id}`, `unlink ${id}`, `unlink ${id}`]);
        expect(warnings).toEqual(['account webhook: Kakao webhook refused (bad_signature)']);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
