/**
 * How a resident's name may be written, and who sees it while content review holds it.
 *
 * msgSecCheck (profile scene) can answer `review` for a name. The name is then kept but
 * held: the person sees it with a note, officers who must identify residents (staff, the
 * branch secretary verifying a binding, the directory's roles) see it with a marker, and
 * everyone else (a senior looking at a relative's request, a relative, later features
 * listing residents) sees `HELD_NAME` until staff pass it in the moderation queue.
 */
import type { ResidentDoc } from '../docs';
import { isPublic } from '../content';

/** Letters of any script (Han included), the middle dot of minority names, inner spaces. */
export const NAME_PATTERN = /^[\p{L}\p{M}·•]+(?: [\p{L}\p{M}·•]+)*$/u;
export const NAME_MAX = 20;

export const HELD_NAME = '居民（姓名审核中）';
export const REFUSED_NAME = '居民';

/**
 * One way to write a name, so a relative typing it finds the senior: no spaces between
 * Chinese characters ("王 秀英" is "王秀英"), single spaces between other words.
 */
export function normalizeName(name: string): string {
  return name
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
}

export type NameHeld = 'review' | 'refused';

/** Why the name is not shown to everyone, if it is not. */
export function nameHeld(resident: Pick<ResidentDoc, 'moderation'>): NameHeld | undefined {
  if (isPublic(resident.moderation)) return undefined;
  return resident.moderation?.state === 'review' ? 'review' : 'refused';
}

/** The name as anyone other than the person and officers sees it. */
export function publicName(resident: Pick<ResidentDoc, 'name' | 'moderation'>): string {
  const held = nameHeld(resident);
  if (!held) return resident.name;
  return held === 'review' ? HELD_NAME : REFUSED_NAME;
}

/** The name as officers see it: the real name, with the marker when held. */
export function officerName(resident: Pick<ResidentDoc, 'name' | 'moderation'>): { name: string; nameHeld?: NameHeld } {
  const held = nameHeld(resident);
  return { name: resident.name, ...(held ? { nameHeld: held } : {}) };
}
