/**
 * Running a function on the Node.js version its deployment declares. The host Node.js is
 * newer (≥ 20), so a worker hides, for the length of an invocation (module loading
 * included), the globals and built-in methods that appeared after the declared version:
 * code that calls `fetch` on a Node 16 runtime fails here as it would in the cloud. A
 * runtime newer than the host cannot be emulated and is refused.
 */

/**
 * The globals each Node.js major version added that a function might reach for. Only
 * globals: Node's own modules call newer built-in methods (node:http uses
 * Array.prototype.toSorted on Node 20), so those cannot be taken away from a thread.
 */
const ADDED_IN: Record<number, readonly string[]> = {
  17: ['structuredClone'],
  18: ['fetch', 'FormData', 'Headers', 'Request', 'Response', 'Blob', 'BroadcastChannel'],
  19: ['crypto'],
  20: ['File'],
  21: ['navigator'],
  22: ['WebSocket'],
};

export const HOST_NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** The globals (`fetch`, ...) a function on `major` must not see. */
export function newerThan(major: number): string[] {
  if (major > HOST_NODE_MAJOR) {
    throw new Error(`runtime Node.js ${major} is newer than this machine's Node.js ${process.versions.node}`);
  }
  return Object.entries(ADDED_IN)
    .filter(([added]) => Number(added) > major)
    .flatMap(([, names]) => names);
}

interface Hidden {
  owner: object;
  key: string;
  descriptor: PropertyDescriptor;
}

function ownerOf(path: string): { owner: object; key: string } | undefined {
  const parts = path.split('.');
  const key = parts.pop()!;
  let owner: unknown = globalThis;
  for (const part of parts) {
    owner = (owner as Record<string, unknown> | undefined)?.[part];
    if (owner === undefined || owner === null) return undefined;
  }
  return { owner: owner as object, key };
}

/** Removes the names from this thread's globals; returns how to put them back. */
export function hideNames(names: readonly string[]): () => void {
  const hidden: Hidden[] = [];
  for (const name of names) {
    const found = ownerOf(name);
    if (!found) continue;
    const descriptor = Object.getOwnPropertyDescriptor(found.owner, found.key);
    if (!descriptor?.configurable) continue;
    delete (found.owner as Record<string, unknown>)[found.key];
    hidden.push({ ...found, descriptor });
  }
  return () => {
    for (const { owner, key, descriptor } of hidden.reverse()) Object.defineProperty(owner, key, descriptor);
  };
}
