/**
 * Mouse → WeChat touch events. j-component only turns real touch events into `tap`; the
 * preview is used with a mouse (and Playwright clicks with one), so pointer events of a
 * mouse or pen become exparser touchstart / touchmove / touchend / tap / longpress, with
 * the 10 px move and 350 ms long-press rules of WeChat. Real touch input is left to
 * j-component, so a tap is never delivered twice. Also applies `hover-class`.
 */
import exparser, { type ExparserElement } from '../vendor/exparser';
import type { DomEvent, El } from '../dom';
import { scopedClasses } from './builtins/define';

const MOVE_LIMIT = 10;
const LONGPRESS_MS = 350;
const BUILTIN_HOVER = new Set(['button-hover', 'navigator-hover']);

interface Press {
  target: El;
  x: number;
  y: number;
  cancelled: boolean;
  timer: ReturnType<typeof setTimeout>;
  hovered: Array<{ el: El; classes: string[] }>;
}

/** The nearest DOM element exparser knows (native nodes inside built-ins are not). */
function wxTarget(el: El | null): El | null {
  for (let current = el; current; current = current.parentElement) {
    if (current.__wxElement) return current;
  }
  return null;
}

function touchOf(event: DomEvent, origin: El): Record<string, number> {
  const rect = origin.getBoundingClientRect();
  const x = event.clientX - rect.left;
  const y = event.clientY - rect.top;
  return { identifier: 0, pageX: x, pageY: y + origin.scrollTop, clientX: x, clientY: y, x, y, force: 1 };
}

function dispatch(target: El, name: string, event: DomEvent, origin: El, ended = false): void {
  const touch = touchOf(event, origin);
  const detail = name === 'tap' || name === 'longpress' ? { x: touch.pageX, y: touch.pageY } : {};
  const wxEvent = exparser.Event.create(name, detail, {
    originalEvent: event,
    bubbles: true,
    capturePhase: true,
    composed: true,
    extraFields: { touches: ended ? [] : [touch], changedTouches: [touch] },
  });
  // Same microtask timing as j-component's own touch → tap path.
  void Promise.resolve().then(() => exparser.Event.dispatchEvent(target, wxEvent));
}

function hoverTargets(target: El): Array<{ el: El; classes: string[] }> {
  const found: Array<{ el: El; classes: string[] }> = [];
  for (let el: El | null = target; el; el = el.parentElement) {
    const node = el.__wxElement as ExparserElement | undefined;
    const data = node?.__methodCaller?.data as Record<string, unknown> | undefined;
    if (!node || !data || node.$$ !== (el as unknown)) continue;
    const hoverClass = data.hoverClass;
    if (typeof hoverClass !== 'string' || !hoverClass || hoverClass === 'none' || data.disabled) continue;
    // WeChat's own default hover classes are global; a class the page names is scoped to it.
    found.push({ el, classes: BUILTIN_HOVER.has(hoverClass) ? [hoverClass] : scopedClasses(node, hoverClass) });
    if (data.hoverStopPropagation) break;
  }
  return found;
}

/** Installs the bridge on the element holding the pages (coordinates are relative to it). */
export function installPointerBridge(origin: El): void {
  let press: Press | null = null;
  const end = (event: DomEvent, name: 'touchend' | 'touchcancel') => {
    if (!press) return;
    const current = press;
    press = null;
    clearTimeout(current.timer);
    dispatch(current.target, name, event, origin, true);
    if (name === 'touchend' && !current.cancelled) dispatch(current.target, 'tap', event, origin, true);
    setTimeout(() => {
      for (const { el, classes } of current.hovered) el.classList.remove(...classes);
    }, 70);
  };
  origin.addEventListener(
    'pointerdown',
    (event) => {
      if (event.pointerType === 'touch' || event.button !== 0) return;
      const target = wxTarget(event.target);
      if (!target) return;
      const hovered = hoverTargets(target);
      for (const { el, classes } of hovered) el.classList.add(...classes);
      press = {
        target,
        x: event.clientX,
        y: event.clientY,
        cancelled: false,
        hovered,
        timer: setTimeout(() => {
          if (!press || press.cancelled) return;
          press.cancelled = true;
          dispatch(target, 'longpress', event, origin);
        }, LONGPRESS_MS),
      };
      dispatch(target, 'touchstart', event, origin);
    },
    true,
  );
  origin.addEventListener(
    'pointermove',
    (event) => {
      if (!press) return;
      if (Math.abs(event.clientX - press.x) > MOVE_LIMIT || Math.abs(event.clientY - press.y) > MOVE_LIMIT) {
        press.cancelled = true;
        clearTimeout(press.timer);
      }
      dispatch(press.target, 'touchmove', event, origin);
    },
    true,
  );
  origin.addEventListener('pointerup', (event) => end(event, 'touchend'), true);
  origin.addEventListener('pointercancel', (event) => end(event, 'touchcancel'), true);
}
