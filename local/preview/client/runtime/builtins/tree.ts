/**
 * Walking exparser's composed tree from a built-in: forms find their fields, labels their
 * checkbox, checkboxes their group. Slot content's parent is the element it was written
 * in; a shadow root leads to its host.
 */
import type { ExparserElement } from '../../vendor/exparser';
import type { Ctx } from './define';

type Node = ExparserElement & { getHostNode?: () => ExparserElement };

function up(node: Node): Node | null {
  if (node.parentNode) return node.parentNode as Node;
  return typeof node.getHostNode === 'function' ? (node.getHostNode() as Node) : null;
}

export function builtinName(node: ExparserElement): string {
  return typeof node.is === 'string' ? node.is : '';
}

export function findAncestor(node: ExparserElement, name: string): ExparserElement | null {
  for (let current = up(node as Node); current; current = up(current)) {
    if (builtinName(current) === name) return current;
  }
  return null;
}

/** Every descendant in document order, shadow trees included. */
export function descendants(node: ExparserElement, out: ExparserElement[] = []): ExparserElement[] {
  const children = [...(node.shadowRoot ? node.shadowRoot.childNodes : []), ...node.childNodes];
  for (const child of children) {
    if (!child || typeof child !== 'object' || !('childNodes' in child)) continue;
    out.push(child);
    descendants(child, out);
  }
  return out;
}

export function callerOf(node: ExparserElement): Ctx | undefined {
  return node.__methodCaller as Ctx | undefined;
}

/** Listens to taps on the built-in itself (taps inside it bubble to it). */
export function onTap(ctx: Ctx, handler: () => void): void {
  ctx._exparserNode.addListener('tap', () => {
    handler();
  });
}
