/**
 * The frame of every emulator HTML page (consent page, error pages): Kakao's yellow header,
 * Korean first with English below in grey (as the samples write it), readable from 360 px up.
 */

/** Headers for every emulator HTML page: never cached, never framed, no scripts. */
export const PAGE_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f5f5f5;color:#191919;font:15px/1.5 -apple-system,BlinkMacSystemFont,'Apple SD Gothic Neo','Pretendard','Noto Sans KR','Noto Sans CJK KR','Malgun Gothic',sans-serif;-webkit-text-size-adjust:100%;word-break:keep-all;overflow-wrap:break-word}
main{width:calc(100% - 32px);max-width:420px;margin:40px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);overflow:hidden}
header{background:#FEE500;padding:18px 20px;font-weight:700}
header small{display:block;font-weight:400;font-size:13px;margin-top:4px}
header .en,header .inline-en,button .en{color:rgba(0,0,0,.55)}
section{padding:16px 20px;border-bottom:1px solid #eee}
h1{font-size:18px;margin:0 0 8px;line-height:1.35}
.error p,.error h1{overflow-wrap:anywhere}
h2{font-size:14px;margin:0 0 10px}
p{margin:6px 0}
.en{display:block;color:#8a8a85;font-size:12px;font-weight:400}
.inline-en{color:#8a8a85;font-size:12px;font-weight:400}
label{display:flex;gap:8px;align-items:flex-start;padding:6px 0;font-size:14px}
label input{flex:none;margin:3px 0 0}
label .text{flex:1;min-width:0}
label .text .sub{display:block}
.sub{color:#888;font-size:12px}
.req,.opt{flex:none;white-space:nowrap;font-size:12px;line-height:21px}
.req{color:#e65f3e}
.opt{color:#888}
.account{display:flex;flex-direction:column;gap:2px;font-size:14px;overflow-wrap:anywhere}
.actions{display:grid;gap:8px;padding:16px 20px}
button{width:100%;border:0;border-radius:6px;padding:12px;font:inherit;font-size:15px;cursor:pointer}
button .en{display:inline;margin-left:4px}
#accept{background:#FEE500;color:#191919;font-weight:700}
#cancel{background:#f0f0f0;color:#555}
button:focus-visible{outline:3px solid #191919;outline-offset:2px}
.error{padding:20px}
.error ul{margin:6px 0 10px;padding-left:20px}
.error li{overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;background:#f0f0f0;padding:1px 5px;border-radius:4px;overflow-wrap:anywhere}
a{color:#0b57d0}
.fix{margin-top:12px;padding:12px;border-radius:8px;background:#f7f7f4;font-size:14px}
.fix p{margin:0}
.error h2{margin:16px 0 6px}
.error h2 .en{margin-top:1px}`;

export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>
`;
}
