import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `npx playwright install` is not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh profile in a temp folder. Throws (so the suite fails, never
 * skips) when Chromium is missing or cannot start, with the fix in the message.
 */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'kakao-browser-e2e-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      locale: 'ko-KR',
      viewport: { width: 560, height: 900 },
      deviceScaleFactor: 1,
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(
      `Chromium could not start from ${CHROMIUM_PATH} (install it with: apt-get install -y chromium, or set CHROMIUM_PATH): ${(err as Error).message}`,
    );
  }
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
