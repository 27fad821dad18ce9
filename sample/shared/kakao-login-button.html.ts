/**
 * The Kakao Login button as Kakao's design guide draws it: container #FEE500, the black speech
 * bubble symbol, the label "카카오 로그인" at 85 % black, 12px corner radius.
 * https://developers.kakao.com/docs/latest/ko/kakaologin/design-guide
 */
export const KAKAO_SYMBOL_SVG = `<svg class="kakao-symbol" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false"><path fill="#000" d="M9 1.5C4.30 1.5.5 4.46.5 8.11c0 2.36 1.58 4.43 3.97 5.60l-.81 2.96c-.07.26.23.47.46.32l3.53-2.33c.44.05.89.08 1.35.08 4.7 0 8.5-2.96 8.5-6.63S13.7 1.5 9 1.5z"/></svg>`;

export function kakaoLoginButton(href: string, label = '카카오 로그인'): string {
  return `<a class="kakao-login" href="${href}" data-testid="kakao-login">${KAKAO_SYMBOL_SVG}<span>${label}</span></a>`;
}

/** The button's CSS, kept with the markup it styles. */
export const KAKAO_BUTTON_CSS = `
.kakao-login{position:relative;display:flex;align-items:center;justify-content:center;height:48px;padding:0 16px;border-radius:12px;background:#FEE500;color:rgba(0,0,0,.85);font-size:15px;font-weight:600;text-decoration:none}
.kakao-login:hover{filter:brightness(.97)}
.kakao-login:focus-visible{outline:3px solid #191919;outline-offset:2px}
.kakao-login .kakao-symbol{position:absolute;left:16px}`;
