import type { EmulatorRequestRecord } from './emulator-request.log';
import type { EmulatorState, WebhookDelivery } from './emulator-state';
import type { EmulatorUser } from './emulator-users';

/** Enough of a token or key to tell two apart in a list; never enough to use it. */
export function prefixOf(secret: string): string {
  return `${secret.slice(0, 6)}…`;
}

function esc(value: string | number | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function time(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

const STYLE = `
body{margin:0;background:#f5f5f5;font:14px/1.5 -apple-system,'Apple SD Gothic Neo','Malgun Gothic',sans-serif;color:#191919}
header{background:#FEE500;padding:14px 20px;font-weight:700}
header small{display:block;font-weight:400;font-size:12px}
main{padding:8px 20px 40px;max-width:1200px}
h2{font-size:16px;margin:24px 0 8px}h2 small{color:#777;font-weight:400}
.scroll{overflow-x:auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eee;white-space:nowrap}
th{background:#fafafa;font-weight:600}
.bad{color:#c62828}.warn{color:#b26a00}.ok{color:#2e7d32}.muted{color:#888}
p.empty{color:#888;margin:4px 0}
.wrap{white-space:normal;min-width:220px;max-width:460px}`;

function table(headings: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${empty}</p>`;
  const head = headings.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

function requestRow(record: EmulatorRequestRecord): string[] {
  const failed = record.fault || record.status === undefined || record.status >= 500;
  const tone = failed ? 'bad' : record.errorCode || (record.status ?? 0) >= 400 ? 'warn' : 'ok';
  const result = record.fault ? `fault: ${record.fault}` : (record.errorCode ?? 'ok');
  return [
    time(record.at),
    esc(record.method),
    `<code>${esc(record.path)}</code>`,
    esc(record.clientId ?? '-'),
    `<span class="${tone}">${esc(record.status ?? '---')}</span>`,
    `<span class="${tone}">${esc(result)}</span>`,
    `${record.durationMs} ms`,
  ];
}

function userRow(user: EmulatorUser): string[] {
  return [
    `<code>${esc(user.id)}</code>`,
    esc(user.nickname ?? ''),
    esc(user.email ?? '-'),
    user.linked ? '연결됨 linked' : '<span class="muted">미연결 not linked</span>',
    `<div class="wrap">${esc(user.agreedScopes.join(', ') || '-')}</div>`,
    esc(user.agreedServiceTerms.map((term) => term.tag).join(', ') || '-'),
  ];
}

function deliveryRow(delivery: WebhookDelivery): string[] {
  return [
    time(delivery.at),
    esc(delivery.kind),
    esc(delivery.url),
    `<code>${esc(delivery.userId ?? '-')}</code>`,
    esc(delivery.detail ?? ''),
    delivery.ok
      ? `<span class="ok">${esc(delivery.status)} OK</span>`
      : `<span class="bad">${esc(delivery.status ?? '---')} ${esc(delivery.error ?? '')}</span>`,
    `${delivery.durationMs} ms`,
  ];
}

/** The log page at /_emulator/: recent requests, users, live tokens, webhook deliveries. */
export function renderInspectorPage(state: EmulatorState): string {
  const now = state.now();
  const { access, refresh } = state.tokens.list();
  const tokens = [
    ...access.map((t) => ({ kind: 'access', ...t })),
    ...refresh.map((t) => ({ kind: 'refresh', ...t })),
  ]
    .filter((token) => token.expiresAt > now)
    .map((token) => [
      token.kind === 'access' ? '액세스 access' : '리프레시 refresh',
      `<code>${esc(prefixOf(token.token))}</code>`,
      `<code>${esc(token.userId)}</code>`,
      esc(token.clientId),
      `<div class="wrap">${esc(token.scopes.join(', '))}</div>`,
      `${Math.round((token.expiresAt - now) / 1000)} s`,
    ]);
  const requests = [...state.recentRequests].reverse();
  const deliveries = [...state.webhookDeliveries].reverse();
  return `<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>KakaoEmulator 요청 로그 · Request log</title><style>${STYLE}</style></head>
<body>
<header>KakaoEmulator · 앱 ${esc(state.options.appId)} <small>요청 로그와 상태 (5초마다 새로고침) · Request log and state (refreshes every 5 s)</small></header>
<main>
<h2 id="requests">최근 요청 <small>Recent requests (${requests.length})</small></h2>
${table(['시각 time', '메서드 method', '경로 path', '클라이언트 client id', '상태 status', '결과 result', '소요 time'], requests.map(requestRow), '아직 요청이 없습니다. No requests yet.')}
<h2 id="users">사용자 <small>Users (${state.users.length})</small></h2>
${table(['ID', '닉네임 nickname', '이메일 email', '연결 linked', '동의 항목 consents', '서비스 약관 service terms'], state.users.map(userRow), '사용자가 없습니다. No users.')}
<h2 id="tokens">유효한 토큰 <small>Live tokens (${tokens.length}, 앞부분만 표시 · prefix only)</small></h2>
${table(['종류 kind', '토큰 token', '사용자 user', '클라이언트 client id', '범위 scopes', '남은 시간 expires in'], tokens, '유효한 토큰이 없습니다. No live tokens.')}
<h2 id="webhooks">웹훅 전송 <small>Webhook deliveries (${deliveries.length})</small></h2>
${table(['시각 time', '종류 kind', 'URL', '사용자 user', '내용 detail', '응답 answer', '소요 time'], deliveries.map(deliveryRow), '보낸 웹훅이 없습니다. No webhooks sent.')}
</main>
</body>
</html>
`;
}
