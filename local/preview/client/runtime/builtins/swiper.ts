/**
 * <swiper> / <swiper-item>: items are laid side by side with transforms (vertical too),
 * `current`, autoplay with interval, circular wrap, indicator dots, previous/next margins,
 * and dragging with the mouse. Emits change {current, source}, transition and
 * animationfinish like WeChat.
 */
import { doc, newMutationObserver, type El } from '../../dom';
import { defineBuiltin, hostOf, type Ctx } from './define';

interface SwiperState {
  current: number;
  timer: ReturnType<typeof setInterval> | null;
  dots: El;
  drag: number;
}

function stateOf(ctx: Ctx): SwiperState | undefined {
  return ctx.native?.swiper as SwiperState | undefined;
}

function items(ctx: Ctx): El[] {
  return [...hostOf(ctx).children].filter((el) => el.tagName === 'WX-SWIPER-ITEM');
}

function layout(ctx: Ctx, animate = true): void {
  const state = stateOf(ctx);
  if (!state) return;
  const host = hostOf(ctx);
  const list = items(ctx);
  const vertical = !!ctx.data.vertical;
  const count = list.length;
  const size = vertical ? host.clientHeight : host.clientWidth;
  const duration = animate ? Number(ctx.data.duration) : 0;
  const before = parseFloat(String(ctx.data.previousMargin || '0')) || 0;
  const after = parseFloat(String(ctx.data.nextMargin || '0')) || 0;
  const itemSize = (size - before - after) / Math.max(1, Number(ctx.data.displayMultipleItems) || 1);
  list.forEach((item, index) => {
    let offset = index - state.current;
    if (ctx.data.circular && count > 2) {
      if (offset > count / 2) offset -= count;
      if (offset < -count / 2) offset += count;
    }
    const distance = before + offset * itemSize + state.drag;
    item.style.position = 'absolute';
    item.style.top = '0';
    item.style.left = '0';
    item.style.width = vertical ? '100%' : `${itemSize}px`;
    item.style.height = vertical ? `${itemSize}px` : '100%';
    item.style.transition = state.drag ? 'none' : `transform ${duration}ms ease`;
    item.style.transform = vertical ? `translate3d(0, ${distance}px, 0)` : `translate3d(${distance}px, 0, 0)`;
  });
  state.dots.hidden = !ctx.data.indicatorDots;
  state.dots.replaceChildren(
    ...list.map((_item, index) => {
      const dot = doc.createElement('span');
      dot.className = 'wx-swiper-dot';
      dot.style.background = String(index === state.current ? ctx.data.indicatorActiveColor : ctx.data.indicatorColor);
      return dot;
    }),
  );
  state.dots.classList.toggle('wx-swiper-dots--vertical', vertical);
}

function go(ctx: Ctx, next: number, source: 'autoplay' | 'touch' | ''): void {
  const state = stateOf(ctx);
  const count = items(ctx).length;
  if (!state || !count) return;
  const target = ctx.data.circular ? (next + count) % count : Math.max(0, Math.min(count - 1, next));
  if (target === state.current) {
    layout(ctx);
    return;
  }
  state.current = target;
  ctx.data.current = target;
  layout(ctx);
  ctx.triggerEvent('transition', { dx: 0, dy: 0 });
  ctx.triggerEvent('change', { current: target, currentItemId: items(ctx)[target]?.id ?? '', source });
  setTimeout(() => ctx.triggerEvent('animationfinish', { current: target, source }), Number(ctx.data.duration));
}

function autoplay(this: Ctx): void {
  const state = stateOf(this);
  if (!state) return;
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  if (this.data.autoplay) {
    state.timer = setInterval(() => go(this, state.current + 1, 'autoplay'), Number(this.data.interval) || 5000);
  }
}

function onCurrent(this: Ctx): void {
  const state = stateOf(this);
  if (!state) return;
  const current = Number(this.data.current) || 0;
  if (current !== state.current) {
    state.current = current;
    layout(this);
  }
}

function relayout(this: Ctx): void {
  layout(this, false);
}

export function registerSwiper(): void {
  defineBuiltin('swiper-item', { properties: { itemId: { type: String, value: '' } } });
  defineBuiltin('swiper', {
    properties: {
      indicatorDots: { type: Boolean, value: false, observer: relayout },
      indicatorColor: { type: String, value: 'rgba(0, 0, 0, .3)', observer: relayout },
      indicatorActiveColor: { type: String, value: '#000000', observer: relayout },
      autoplay: { type: Boolean, value: false, observer: autoplay },
      current: { type: Number, value: 0, observer: onCurrent },
      interval: { type: Number, value: 5000, observer: autoplay },
      duration: { type: Number, value: 500 },
      circular: { type: Boolean, value: false, observer: relayout },
      vertical: { type: Boolean, value: false, observer: relayout },
      previousMargin: { type: String, value: '0px', observer: relayout },
      nextMargin: { type: String, value: '0px', observer: relayout },
      displayMultipleItems: { type: Number, value: 1, observer: relayout },
      easingFunction: { type: String, value: 'default' },
    },
    attached() {
      const host = hostOf(this);
      const dots = doc.createElement('div');
      dots.className = 'wx-swiper-dots';
      host.append(dots);
      const state: SwiperState = { current: Number(this.data.current) || 0, timer: null, dots, drag: 0 };
      this.native!.swiper = state;
      newMutationObserver(() => layout(this, false)).observe(host, { childList: true });
      let start: { x: number; y: number; id: number } | null = null;
      host.addEventListener('pointerdown', (event) => {
        if (event.pointerType !== 'mouse') return;
        start = { x: event.clientX, y: event.clientY, id: event.pointerId };
      });
      host.addEventListener('pointermove', (event) => {
        if (!start) return;
        state.drag = this.data.vertical ? event.clientY - start.y : event.clientX - start.x;
        if (Math.abs(state.drag) > 5) layout(this, false);
      });
      const end = () => {
        if (!start) return;
        const size = this.data.vertical ? host.clientHeight : host.clientWidth;
        const moved = state.drag;
        state.drag = 0;
        start = null;
        if (Math.abs(moved) > size / 5) go(this, state.current + (moved < 0 ? 1 : -1), 'touch');
        else layout(this);
      };
      host.addEventListener('pointerup', end);
      host.addEventListener('pointerleave', end);
      layout(this, false);
      autoplay.call(this);
    },
    detached() {
      const state = stateOf(this);
      if (state?.timer) clearInterval(state.timer);
    },
  });
}
