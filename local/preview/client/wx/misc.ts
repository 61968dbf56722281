/**
 * The rest of what tdesign and pages call: wx.nextTick, wx.createAnimation (the action
 * list j-component plays on `animation="{{...}}"`), and the page-level selector and
 * intersection queries, which WeChat runs against the current page.
 */
import { currentPage } from '../runtime/router';

type Step = { type: string; args: unknown[] };

interface AnimationOptions {
  duration?: number;
  timingFunction?: string;
  delay?: number;
  transformOrigin?: string;
}

/** WeChat's Animation: chain transforms and styles, `step()` closes a group, `export()` hands them over. */
class Animation {
  private current: Step[] = [];
  private actions: Array<{ animates: Step[]; option: Record<string, unknown> }> = [];
  constructor(private readonly defaults: AnimationOptions = {}) {
    const transforms = [
      'matrix',
      'matrix3d',
      'rotate',
      'rotate3d',
      'rotateX',
      'rotateY',
      'rotateZ',
      'scale',
      'scale3d',
      'scaleX',
      'scaleY',
      'scaleZ',
      'skew',
      'skewX',
      'skewY',
      'translate',
      'translate3d',
      'translateX',
      'translateY',
      'translateZ',
    ];
    for (const name of transforms) {
      (this as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        this.current.push({ type: name, args });
        return this;
      };
    }
    const styles = ['opacity', 'backgroundColor', 'width', 'height', 'left', 'right', 'top', 'bottom'];
    for (const name of styles) {
      (this as unknown as Record<string, unknown>)[name] = (value: unknown) => {
        const css = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        this.current.push({
          type: 'style',
          args: [css, typeof value === 'number' && name !== 'opacity' ? `${value}px` : value],
        });
        return this;
      };
    }
  }
  step(options: AnimationOptions = {}): this {
    const merged = { ...this.defaults, ...options };
    this.actions.push({
      animates: this.current,
      option: {
        transformOrigin: merged.transformOrigin ?? '50% 50% 0',
        transition: {
          duration: merged.duration ?? 400,
          timingFunction: merged.timingFunction ?? 'linear',
          delay: merged.delay ?? 0,
        },
      },
    });
    this.current = [];
    return this;
  }
  export(): { actions: Animation['actions'] } {
    const actions = this.actions;
    this.actions = [];
    return { actions };
  }
}

function pageCaller(name: string): Record<string, unknown> {
  const instance = currentPage()?.instance;
  if (!instance) throw new Error(`wx.${name}: no page is open`);
  return instance;
}

export const miscApis = {
  nextTick: (callback: () => void) => {
    setTimeout(callback, 0);
  },
  createAnimation: (options?: AnimationOptions) => new Animation(options),
  createSelectorQuery: () => (pageCaller('createSelectorQuery').createSelectorQuery as () => unknown)(),
  createIntersectionObserver: (component: Record<string, unknown> | undefined, options?: unknown) => {
    const target = component ?? pageCaller('createIntersectionObserver');
    return (target.createIntersectionObserver as (o: unknown) => unknown)(options);
  },
};
