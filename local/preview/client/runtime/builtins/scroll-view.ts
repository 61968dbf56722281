/**
 * <scroll-view>: the host itself scrolls (slot content sits directly inside it). Supports
 * scroll-x / scroll-y, scroll-top / scroll-left / scroll-into-view (ids inside), smooth
 * scrolling, and the scroll, scrolltoupper and scrolltolower events with their thresholds.
 */
import { defineBuiltin, hostOf, type Ctx } from './define';
import { descendants } from './tree';

function layout(this: Ctx): void {
  if (!this.native) return;
  const host = hostOf(this);
  host.style.overflowX = this.data.scrollX ? 'auto' : 'hidden';
  host.style.overflowY = this.data.scrollY ? 'auto' : 'hidden';
  host.classList.toggle('wx-scroll-view--hide-bar', this.data.showScrollbar === false);
}

function scrollTo(this: Ctx): void {
  if (!this.native) return;
  const host = hostOf(this);
  const behavior = this.data.scrollWithAnimation ? 'smooth' : 'auto';
  const top = Number(this.data.scrollTop);
  const left = Number(this.data.scrollLeft);
  if (this.data.scrollTop !== '' && Number.isFinite(top)) host.scrollTo({ top, behavior });
  if (this.data.scrollLeft !== '' && Number.isFinite(left)) host.scrollTo({ left, behavior });
}

function scrollIntoView(this: Ctx): void {
  const id = String(this.data.scrollIntoView ?? '');
  if (!this.native || !id) return;
  const target = descendants(this._exparserNode).find((node) => node.id === id);
  const dom = target?.$$ as unknown as { offsetTop: number; offsetLeft: number } | undefined;
  if (!dom) return;
  const host = hostOf(this);
  const behavior = this.data.scrollWithAnimation ? 'smooth' : 'auto';
  if (this.data.scrollY) host.scrollTo({ top: dom.offsetTop - host.offsetTop, behavior });
  if (this.data.scrollX) host.scrollTo({ left: dom.offsetLeft - host.offsetLeft, behavior });
}

export function registerScrollView(): void {
  defineBuiltin('scroll-view', {
    properties: {
      scrollX: { type: Boolean, value: false, observer: layout },
      scrollY: { type: Boolean, value: false, observer: layout },
      upperThreshold: { type: Number, value: 50 },
      lowerThreshold: { type: Number, value: 50 },
      scrollTop: { type: null, value: '', observer: scrollTo },
      scrollLeft: { type: null, value: '', observer: scrollTo },
      scrollIntoView: { type: String, value: '', observer: scrollIntoView },
      scrollWithAnimation: { type: Boolean, value: false },
      enableFlex: { type: Boolean, value: false },
      showScrollbar: { type: Boolean, value: true, observer: layout },
      enhanced: { type: Boolean, value: false },
      refresherEnabled: { type: Boolean, value: false },
      enableBackToTop: { type: Boolean, value: false },
      type: { type: String, value: 'list' },
    },
    attached() {
      const host = hostOf(this);
      let lastTop = 0;
      let lastLeft = 0;
      let atUpper = true;
      let atLower = false;
      host.addEventListener('scroll', () => {
        const { scrollTop, scrollLeft, scrollHeight, scrollWidth, clientHeight, clientWidth } = host;
        this.triggerEvent('scroll', {
          scrollTop,
          scrollLeft,
          scrollHeight,
          scrollWidth,
          deltaX: lastLeft - scrollLeft,
          deltaY: lastTop - scrollTop,
        });
        lastTop = scrollTop;
        lastLeft = scrollLeft;
        const upper = Number(this.data.upperThreshold);
        const lower = Number(this.data.lowerThreshold);
        const vertical = !!this.data.scrollY;
        const position = vertical ? scrollTop : scrollLeft;
        const remaining = vertical ? scrollHeight - clientHeight - scrollTop : scrollWidth - clientWidth - scrollLeft;
        const direction = vertical ? 'top' : 'left';
        if (position <= upper && !atUpper) this.triggerEvent('scrolltoupper', { direction });
        if (remaining <= lower && !atLower)
          this.triggerEvent('scrolltolower', { direction: vertical ? 'bottom' : 'right' });
        atUpper = position <= upper;
        atLower = remaining <= lower;
      });
      layout.call(this);
      setTimeout(() => {
        scrollTo.call(this);
        scrollIntoView.call(this);
      }, 0);
    },
  });
}
