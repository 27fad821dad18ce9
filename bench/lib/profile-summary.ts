import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives, coarse enough to read at a glance. */
function categoryOf(url: string, fn: string): string {
  if (!url) {
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(idle)') return 'idle';
    if (fn === '(program)') return 'V8/native (program)';
    return `native: ${fn || '(anonymous)'}`;
  }
  const rel = url.replace(/^file:\/\//, '');
  const nm = rel.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = rel.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (rel.startsWith('node:')) {
    const name = rel.slice(5);
    if (name.includes('undici')) return 'node: undici (fetch)';
    if (/tls|crypto|https/.test(name)) return 'node: tls/crypto';
    if (/http|stream|net/.test(name)) return 'node: http/net/streams';
    return 'node: other';
  }
  if (rel.includes('/src/')) return `ours: src/${rel.slice(rel.lastIndexOf('/src/') + 5)}`;
  if (rel.includes('/bench/apps/variants')) return 'bench: variant login code';
  if (rel.includes('/bench/')) return 'bench: app shell';
  return rel;
}

/**
 * Reads a .cpuprofile and returns markdown: time by area (self time) and the top functions,
 * both in µs per login, plus inclusive time of our own entry points.
 */
export function summarizeProfile(file: string, logins: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const idle = [...self].reduce(
    (sum, [id, t]) => (byId.get(id)?.callFrame.functionName === '(idle)' ? sum + t : sum),
    0,
  );
  const busy = total - idle;
  const perLogin = (us: number) => us / Math.max(1, logins);

  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const category = categoryOf(url, functionName);
    categories.set(category, (categories.get(category) ?? 0) + t);
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + t);
  }

  // Inclusive time of our own entry points (a function counted once per stack).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const watched = [
    'startLogin',
    'finishLogin',
    'exchangeCode',
    'fetchProfile',
    'sendOnce',
    'parseKakaoProfile',
    'parseExactJson',
    'verify',
    'pkceChallenge',
    'randomToken',
  ];
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!frame.url.includes('/src/')) continue;
      const name = frame.functionName;
      if (watched.includes(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + t);
      }
    }
  }

  // The login code that differs between the variants: ours (src/), passport-kakao and its
  // passport-oauth2 + node-oauth, openid-client and its oauth4webapi + jose, the bench's
  // hand-written baseline.
  const ownCode = [...categories]
    .filter(([name]) =>
      /^(ours:|npm: (oauth|passport-oauth2|passport-kakao|openid-client|oauth4webapi|jose)$|bench: variant)/.test(
        name,
      ),
    )
    .reduce((sum, [, t]) => sum + t, 0);
  const lines: string[] = [];
  lines.push(
    `Busy (non-idle) CPU sampled: ${(busy / 1000).toFixed(0)} ms over ${logins} logins = ` +
      `${perLogin(busy).toFixed(0)} µs per login (wall clock profiled: ${(total / 1000).toFixed(0)} ms).`,
    '',
    `Login code of this variant (self time in src/; or in passport-kakao, passport-oauth2 and oauth; ` +
      `or in openid-client, oauth4webapi and jose; ` +
      `or the baseline's code): ${perLogin(ownCode).toFixed(0)} µs per login = ` +
      `${((ownCode / busy) * 100).toFixed(1)}% of the busy CPU; the rest is Express, ` +
      `express-session, Passport, Node's HTTP/TLS and GC, which every variant runs.`,
    '',
    '### Self time by area',
    '',
    '| area | µs / login | share of busy |',
    '|---|---:|---:|',
  );
  for (const [name, t] of [...categories].sort((a, b) => b[1] - a[1]).slice(0, 22)) {
    lines.push(`| ${name} | ${perLogin(t).toFixed(1)} | ${((t / busy) * 100).toFixed(1)}% |`);
  }
  lines.push(
    '',
    '### Top functions (self time)',
    '',
    '| function | µs / login | share |',
    '|---|---:|---:|',
  );
  for (const [name, t] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    lines.push(`| \`${name}\` | ${perLogin(t).toFixed(1)} | ${((t / busy) * 100).toFixed(1)}% |`);
  }
  if (inclusive.size > 0) {
    lines.push(
      '',
      '### Our functions, inclusive (synchronous part only: time spent waiting on I/O is not CPU)',
      '',
      '| function | µs / login |',
      '|---|---:|',
    );
    for (const [name, t] of [...inclusive].sort((a, b) => b[1] - a[1])) {
      lines.push(`| \`${name}\` | ${perLogin(t).toFixed(1)} |`);
    }
  }
  return lines.join('\n');
}

if (require.main === module) {
  const [file, logins] = process.argv.slice(2);
  console.log(summarizeProfile(file, Number(logins ?? 1)));
}
