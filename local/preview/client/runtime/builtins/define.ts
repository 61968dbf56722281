/**
 * How a built-in component (view, input, button, ...) is declared for j-component.
 *
 * j-component registers built-ins as empty `<slot/>` shells. The preview registers its own
 * under the same ids, rendering as <wx-NAME> hosts whose native behaviour (a real <input>,
 * a scroll container, a toggle, ...) is attached to the host DOM element in `attached`.
 * Events go out through `triggerEvent`, like WeChat's built-ins.
 */
import * as jComponent from '../../vendor/j-component';
import exparser, { type ExparserElement } from '../../vendor/exparser';
import type { El } from '../../dom';

/** `this` inside a built-in's methods, observers and lifetimes. */
export interface Ctx {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>): void;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
  _exparserNode: ExparserElement;
  /** Per-instance state of the native implementation. */
  native?: Record<string, unknown>;
  [key: string]: unknown;
}

type Fn = (this: Ctx, ...args: never[]) => unknown;

export interface Prop {
  type: unknown;
  value?: unknown;
  observer?: (this: Ctx, value: never, old: never) => void;
}

export interface BuiltinSpec {
  template?: string;
  properties?: Record<string, Prop>;
  methods?: Record<string, Fn>;
  attached?: (this: Ctx) => void;
  detached?: (this: Ctx) => void;
  behaviors?: string[];
}

/** The host DOM element of a built-in instance. */
export function hostOf(ctx: Ctx): El {
  const dom = ctx._exparserNode.$$;
  if (!dom) throw new Error('preview: built-in has no DOM element');
  return dom as unknown as El;
}

/** Class prefix of the component whose template contains `node` (for hover/placeholder classes). */
export function ownerPrefix(node: ExparserElement): string {
  const host = node.ownerShadowRoot?.getHostNode();
  const prefix = host ? exparser.Component.getComponentOptions(host)?.classPrefix : '';
  return prefix ?? '';
}

/** `a b` written in the owner's scope → the DOM class names. */
export function scopedClasses(node: ExparserElement, classes: unknown): string[] {
  const prefix = ownerPrefix(node);
  return String(classes ?? '')
    .split(/\s+/)
    .filter((name) => name && name !== 'none')
    .map((name) => (prefix ? `${prefix}--${name}` : name));
}

export const COMMON_PROPERTIES: Record<string, Prop> = {
  hidden: {
    type: Boolean,
    value: false,
    observer(this: Ctx, hidden: boolean) {
      hostOf(this).hidden = !!hidden;
    },
  },
};

export function defineBuiltin(name: string, spec: BuiltinSpec = {}): void {
  jComponent.register({
    id: name,
    tagName: `wx-${name}`,
    // j-component refuses an empty template; a slot with nothing in it renders nothing.
    template: spec.template || '<slot/>',
    options: { classPrefix: '', multipleSlots: true },
    behaviors: spec.behaviors ?? [],
    properties: { ...COMMON_PROPERTIES, ...(spec.properties ?? {}) },
    methods: spec.methods ?? {},
    lifetimes: {
      attached(this: Ctx) {
        this.native = {};
        spec.attached?.call(this);
      },
      detached(this: Ctx) {
        spec.detached?.call(this);
      },
    },
  });
}

/** `true` for "", "true" and true, as WeChat reads boolean attributes. */
export function truthy(value: unknown): boolean {
  return value === true || value === '' || value === 'true';
}

/** Path of the component whose template contains `node` ("" for a page's root). */
export function ownerPath(node: ExparserElement): string {
  const host = node.ownerShadowRoot?.getHostNode();
  const id = typeof host?.is === 'string' ? host.is : '';
  return id.startsWith('mp:') ? id.slice(3) : '';
}
