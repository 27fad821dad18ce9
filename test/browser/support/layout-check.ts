import type { Page } from 'playwright-core';

/** What a person would notice at a given width, measured in the page itself. */
export interface LayoutReport {
  viewportWidth: number;
  /** document scrollWidth: more than the viewport means a horizontal scrollbar. */
  scrollWidth: number;
  /** Elements that stick out of the viewport (tag.class and right edge). */
  outside: string[];
  /** Elements whose content is wider than their box (text cut off or spilling out). */
  spilling: string[];
  /** Distance of the main card from the left and right screen edges, in px. */
  cardMargins: [left: number, right: number] | null;
  /** `[필수]` / `[선택]` tags broken over two lines. */
  wrappedTags: string[];
}

// Runs in the browser; kept as a string because the tests compile without the DOM lib.
const MEASURE = `(() => {
  const vw = document.documentElement.clientWidth;
  const outside = [];
  const spilling = [];
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5)) {
      outside.push(name(el) + ' right=' + Math.round(r.right));
    }
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    if (!scrolls && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      spilling.push(name(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
    }
  }
  const main = document.querySelector('main');
  const m = main ? main.getBoundingClientRect() : null;
  const wrappedTags = [];
  for (const el of document.querySelectorAll('.req, .opt')) {
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    if (el.getClientRects().length > 1 || el.getBoundingClientRect().height > lineHeight * 1.5) {
      wrappedTags.push(el.textContent);
    }
  }
  return {
    viewportWidth: vw,
    scrollWidth: document.documentElement.scrollWidth,
    outside,
    spilling,
    cardMargins: m ? [Math.round(m.left), Math.round(vw - m.right)] : null,
    wrappedTags,
  };
})()`;

export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate<LayoutReport>(MEASURE);
}
