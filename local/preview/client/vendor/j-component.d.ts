/** The part of j-component's API the preview uses. */
import type { ExparserElement } from './exparser';

export interface JRootComponent {
  readonly dom: HTMLElement;
  readonly instance: Record<string, unknown>;
  readonly _exparserNode: ExparserElement;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
  detach(): void;
}

export function register(definition: object): string;
export function behavior(definition: object): string;
export function create(id: string, properties?: Record<string, unknown>): JRootComponent;
