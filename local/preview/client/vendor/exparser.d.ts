/** The part of miniprogram-exparser's API the preview uses (it ships no typings). */
export interface ExparserElement {
  $$?: HTMLElement;
  __wxElement?: ExparserElement;
  id: string;
  dataset: Record<string, unknown>;
  parentNode: ExparserElement | null;
  childNodes: ExparserElement[];
  shadowRoot?: ExparserElement;
  ownerShadowRoot?: { getHostNode(): ExparserElement } | null;
  is?: string;
  __methodCaller?: Record<string, unknown>;
  triggerLifeTime(name: string, args?: unknown[]): void;
  triggerPageLifeTime(name: string, args?: unknown[]): void;
  addListener(name: string, handler: (event: ExparserEvent) => unknown, options?: { capture?: boolean }): void;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
}

export interface ExparserEvent {
  type: string;
  detail: unknown;
  target: unknown;
  currentTarget: unknown;
}

interface Exparser {
  Element: {
    pretendAttached(node: ExparserElement): void;
    pretendDetached(node: ExparserElement): void;
    getMethodCaller(node: ExparserElement): Record<string, unknown> | undefined;
  };
  Component: {
    getComponentOptions(node: ExparserElement): { classPrefix?: string } | undefined;
  };
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
  Component_?: never;
  addGlobalErrorListener(handler: (error: unknown, info: unknown) => unknown): void;
  addGlobalWarningListener(handler: (message: unknown) => unknown): void;
}

declare const exparser: Exparser;
export default exparser;
